/**
 * Small weather-station tables for the feature store's browser tests: readings keyed by station with
 * an event time, and label rows asking for features as of a moment. Generated, so each test knows the
 * value the online store must hold for a station without reading it back.
 */

export interface StationReading {
  station: string;
  observedAt: string;
  tempC: number;
  windKmh: number;
}

const DAYS = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04'];

/** Every station once a day at 06:00 UTC over four days; temperatures rise by half a degree a day. */
export function stationReadings(stations: readonly string[] = ['s-1', 's-2', 's-3']): StationReading[] {
  return stations.flatMap((station, index) =>
    DAYS.map((day, d) => ({ station, observedAt: `${day} 06:00:00`, tempC: 10 + index * 2 + d * 0.5, windKmh: 5 + index + d * 3 })),
  );
}

/** `station_id,observed_at,temp_c,wind_kmh`, as CSV bytes. */
export function readingsCsv(readings: readonly StationReading[]): Buffer {
  const lines = ['station_id,observed_at,temp_c,wind_kmh', ...readings.map((r) => `${r.station},${r.observedAt},${r.tempC.toFixed(1)},${r.windKmh}`)];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The newest reading of a station: what materialization puts online for it. */
export function latestReading(readings: readonly StationReading[], station: string): StationReading {
  const own = readings.filter((reading) => reading.station === station).sort((a, b) => a.observedAt.localeCompare(b.observedAt));
  const latest = own[own.length - 1];
  if (!latest) throw new Error(`no reading of ${station}`);
  return latest;
}

export interface LabelRow {
  station: string;
  eventTimestamp: string;
  rainTomorrow: 0 | 1;
}

/** Entity rows for a training set: two stations mid-series, and one row from before any reading. */
export function labelRows(): LabelRow[] {
  return [
    { station: 's-1', eventTimestamp: '2025-03-02 12:00:00', rainTomorrow: 1 },
    { station: 's-2', eventTimestamp: '2025-03-03 12:00:00', rainTomorrow: 0 },
    { station: 's-1', eventTimestamp: '2025-02-27 00:00:00', rainTomorrow: 0 },
  ];
}

/** `station_id,event_timestamp,rain_tomorrow`, as CSV bytes. */
export function labelsCsv(rows: readonly LabelRow[]): Buffer {
  const lines = ['station_id,event_timestamp,rain_tomorrow', ...rows.map((row) => `${row.station},${row.eventTimestamp},${row.rainTomorrow}`)];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

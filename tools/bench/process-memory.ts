import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident memory now (VmRSS), MiB. */
  rssMiB: number;
  /** The kernel's own peak of resident memory over the process's life (VmHWM), MiB. */
  hwmMiB: number;
}

/** VmRSS and VmHWM of a running process from /proc (Linux); null once it has gone. */
export function readProcessMemory(pid: number): ProcessMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const rssMiB = kib('VmRSS') / 1024;
  const hwmMiB = kib('VmHWM') / 1024;
  // A process that has exited but not been reaped (a zombie) has a status without memory lines.
  return Number.isFinite(rssMiB) && Number.isFinite(hwmMiB) ? { rssMiB, hwmMiB } : null;
}

export interface MemoryPeak {
  /** Highest VmRSS seen by the sampler. */
  peakRssMiB: number;
  /** VmHWM at the last sample: covers spikes between samples, and the whole life of the process. */
  hwmMiB: number;
}

export interface MemorySampler {
  /** Stops sampling and gives each process's peak (a process that exited keeps its last sample). */
  stop(): MemoryPeak[];
}

/**
 * Samples the resident memory of other processes every `intervalMs` (50 ms by default). Measuring a
 * process from outside keeps the measurement honest: the sampler's own allocations are not counted.
 */
export function sampleMemory(pids: number[], intervalMs = 50): MemorySampler {
  const peaks: MemoryPeak[] = pids.map(() => ({ peakRssMiB: 0, hwmMiB: 0 }));
  const sample = (): void => {
    pids.forEach((pid, i) => {
      const memory = readProcessMemory(pid);
      if (!memory) return;
      peaks[i] = { peakRssMiB: Math.max(peaks[i].peakRssMiB, memory.rssMiB), hwmMiB: memory.hwmMiB };
    });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      sample();
      clearInterval(timer);
      return peaks.map((peak) => ({ ...peak }));
    },
  };
}

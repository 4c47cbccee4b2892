'use client';

import { onlineValueAt, type FeatureView, type OnlineFeaturesResponse } from '@galley/contracts';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { formatDateTime } from '../../lib/format';
import { MAX_LOOKUP_KEYS, entitiesFor, featureOfRef, formatOnlineValue, parseEntityKeys, tallyStatuses } from '../../lib/features-online';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { OnlineStatusBadge } from './online-status-badge';

/**
 * "Try it": the values a model would be served for some entities, read from the online store as
 * `POST /features/online` answers them: one row per entity, each value with its status and event time.
 */
export function OnlineLookup({ view }: { view: FeatureView }) {
  const id = useId();
  const [keysText, setKeysText] = useState('');
  const [answer, setAnswer] = useState<OnlineFeaturesResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    const keys = parseEntityKeys(keysText);
    if (keys.length === 0) {
      setProblem(`Enter at least one ${view.joinKey}.`);
      return;
    }
    if (keys.length > MAX_LOOKUP_KEYS) {
      setProblem(`At most ${MAX_LOOKUP_KEYS} keys per lookup; ${keys.length} were entered.`);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const features = view.features.map((feature) => `${view.name}:${feature.name}`);
      setAnswer(await galleyApi.features.getOnlineFeatures({ features, entities: entitiesFor(view.joinKey, keys) }));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const tally = answer ? tallyStatuses(answer) : null;

  return (
    <div className="section-stack">
      <form className="lookup-form" onSubmit={(event) => void lookUp(event)} aria-label="Online lookup">
        <div className="field">
          <label htmlFor={`${id}-keys`}>{`${view.joinKey} values`}</label>
          <textarea
            id={`${id}-keys`}
            className="mono"
            rows={2}
            value={keysText}
            placeholder="one per line or comma-separated"
            onChange={(e) => setKeysText(e.target.value)}
            aria-describedby={`${id}-hint`}
          />
          <p className="field-hint" id={`${id}-hint`}>
            The {view.entity} keys to look up ({view.joinKey}); every feature of this view is read.
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Looking up…' : 'Look up'}
        </button>
      </form>
      <ProblemAlert message={problem} />
      {answer && tally ? (
        <>
          <p className="muted small">
            {tally.present} present, {tally.missing} missing, {tally.expired} expired.
            {tally.missing > 0 ? ' Missing values were never materialized for that entity (or it does not exist).' : ''}
          </p>
          <div className="table-scroll">
            <table className="table online-table" aria-label="Online values">
              <thead>
                <tr>
                  <th scope="col">{view.joinKey}</th>
                  {answer.features.map((ref) => (
                    <th key={ref} scope="col" className="mono">
                      {featureOfRef(ref)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {answer.results.map((result, row) => (
                  <tr key={row}>
                    <th scope="row" className="mono">
                      {String(result.entity[view.joinKey] ?? '')}
                    </th>
                    {answer.features.map((ref) => {
                      const value = onlineValueAt(answer, row, ref);
                      if (!value) return null;
                      return (
                        <td key={ref} data-status={value.status}>
                          <span className="mono strong">{value.status === 'present' ? formatOnlineValue(value.value) : '—'}</span> <OnlineStatusBadge status={value.status} />
                          {value.eventTimestamp ? (
                            <time className="small muted feature-subline" dateTime={value.eventTimestamp} title={value.eventTimestamp}>
                              {formatDateTime(value.eventTimestamp)}
                            </time>
                          ) : (
                            <span className="small muted feature-subline">no event time</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

'use client';

import { ROLES } from '@galley/contracts';
import type { Role } from '@galley/contracts';

/** One checkbox per role, labelled with the role's name so tests and screen readers can find it. */
export function RoleCheckboxes({
  legend,
  value,
  onChange,
  error,
  idPrefix,
}: {
  legend: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
  idPrefix: string;
}) {
  return (
    <fieldset className="field roles-field" aria-describedby={error ? `${idPrefix}-roles-error` : undefined}>
      <legend>{legend}</legend>
      <div className="checkbox-row">
        {ROLES.map((role) => (
          <label key={role} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(role)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, role] : value.filter((held) => held !== role))
              }
            />
            {role}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={`${idPrefix}-roles-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

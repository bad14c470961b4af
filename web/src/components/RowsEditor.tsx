import { type ReactNode, useId } from 'react';

type Row = Record<string, string | undefined>;

export interface Column {
  key: string;
  label: string;
  type: 'date' | 'text' | 'select';
  options?: Array<{ value: string; label: string }>;
}

/**
 * Rows of a few fields each (permits, services, consents), always with one blank row at the end
 * to add the next; a row whose fields are all emptied is dropped. Each field is labelled with its
 * row's name, so a screen reader hears "Permit 2 — expires on", not a bare date box.
 */
export function RowsEditor<T extends Row>(props: {
  rows: T[];
  blank: T;
  columns: Column[];
  rowLabel: (number: number) => string;
  onChange: (rows: T[]) => void;
}) {
  const filled = (row: T) => props.columns.some((column) => (row[column.key] ?? '') !== (props.blank[column.key] ?? ''));
  const shown = [...props.rows, props.blank];
  return (
    <>
      {shown.map((row, index) => {
        const label = props.rowLabel(index + 1);
        const change = (key: string, value: string) => {
          const next = [...shown];
          next[index] = { ...row, [key]: value || undefined };
          props.onChange(next.filter(filled));
        };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: these rows have no id; their order is their identity while editing
          <div className="hours-row" key={index}>
            <span>{label}</span>
            {props.columns.map((column) =>
              column.type === 'select' ? (
                <RowField key={column.key} label={column.label}>
                  {(id) => (
                    <select
                      id={id}
                      aria-label={`${label} — ${column.label}`}
                      value={row[column.key] ?? ''}
                      onChange={(event) => change(column.key, event.target.value)}
                    >
                      {column.options?.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  )}
                </RowField>
              ) : (
                <RowField key={column.key} label={column.label}>
                  {(id) => (
                    <input
                      id={id}
                      type={column.type}
                      aria-label={`${label} — ${column.label}`}
                      value={row[column.key] ?? ''}
                      onChange={(event) => change(column.key, event.target.value)}
                    />
                  )}
                </RowField>
              ),
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * A control of a row with its label in sight above it. Its accessible name (aria-label) also
 * names the row ("Permit 2 — Expires on"), and contains the visible words, as WCAG 2.5.3 asks.
 */
export function RowField({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="row-field">
      <label className="row-field-label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
    </div>
  );
}

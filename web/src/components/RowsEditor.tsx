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
                <select
                  key={column.key}
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
              ) : (
                <input
                  key={column.key}
                  type={column.type}
                  aria-label={`${label} — ${column.label}`}
                  value={row[column.key] ?? ''}
                  onChange={(event) => change(column.key, event.target.value)}
                />
              ),
            )}
          </div>
        );
      })}
    </>
  );
}

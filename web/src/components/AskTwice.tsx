import { useState } from 'react';

/** A step that cannot be taken back, asked twice: the first button turns into the one that does it. */
export function AskTwice({ ask, confirm, onConfirm }: { ask: string; confirm: string; onConfirm: () => void }) {
  const [asked, setAsked] = useState(false);
  return asked ? (
    <button type="button" className="danger" onClick={onConfirm}>
      {confirm}
    </button>
  ) : (
    <button type="button" onClick={() => setAsked(true)}>
      {ask}
    </button>
  );
}

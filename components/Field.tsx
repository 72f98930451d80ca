// A one-line text field. ink-text-input keeps its cursor in its own state and moves it to a new
// value only in a later effect; a key typed before that lands at the old place. So a value set
// from outside (cleared, filled in for the user) starts a fresh input with the cursor at its end.
import TextInput from 'ink-text-input';
import React, { useRef } from 'react';

export interface FieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly focus?: boolean;
  readonly placeholder?: string;
}

export function Field({ value, onChange, focus = true, placeholder }: FieldProps) {
  const typed = useRef(value);
  const generation = useRef(0);
  if (value !== typed.current) {
    typed.current = value;
    generation.current += 1;
  }
  const change = (next: string) => {
    typed.current = next;
    onChange(next);
  };
  return <TextInput key={generation.current} value={value} focus={focus} placeholder={placeholder} onChange={change} />;
}

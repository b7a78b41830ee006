import { useEffect, useId, useState } from "react";

/** A search box that reports its text after a short pause in typing. */
export function SearchInput(props: { label: string; value: string; onSearch: (value: string) => void; placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState(props.value);
  const { onSearch, value } = props;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <div className="search">
      <label htmlFor={id} className="visually-hidden">
        {props.label}
      </label>
      <input
        id={id}
        type="search"
        className="input"
        placeholder={props.placeholder ?? props.label}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}

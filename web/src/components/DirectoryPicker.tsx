import { Select } from '@mantine/core';
import { useState } from 'react';

export type DirectoryOption = { id: string; label: string };

/**
 * A searchable choice of one person or group: what is typed is looked up (by the start of a name,
 * server-side), and the choice comes back with its label. The one picker every page uses.
 */
export function DirectoryPicker({ label, search, value, onChange, placeholder = 'Type a name', w = 320, withAsterisk, error }: { label: string; search: (text: string) => Promise<DirectoryOption[]>; value: string | null; onChange: (id: string | null, option: DirectoryOption | undefined) => void; placeholder?: string; w?: number; withAsterisk?: boolean; error?: string | undefined }) {
  const [text, setText] = useState('');
  const [options, setOptions] = useState<DirectoryOption[]>([]);
  const find = async (typed: string) => {
    setText(typed);
    setOptions(await search(typed).catch(() => []));
  };
  return (
    <Select
      label={label}
      withAsterisk={withAsterisk}
      error={error}
      placeholder={placeholder}
      searchable
      searchValue={text}
      onSearchChange={(typed) => void find(typed)}
      onDropdownOpen={() => void find(text)}
      // The server already matched what was typed; the list is shown as it came.
      filter={({ options: all }) => all}
      data={options.map((option) => ({ value: option.id, label: option.label }))}
      value={value}
      onChange={(id) => onChange(id, options.find((option) => option.id === id))}
      nothingFoundMessage="No match"
      w={w}
    />
  );
}

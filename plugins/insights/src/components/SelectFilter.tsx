import { FormControl, InputLabel, MenuItem, Select } from '@material-ui/core';
import { useMemo, useState } from 'react';
import { recentQuarters } from '../format';

/** A labelled outlined drop-down that narrows what a page shows (team, quarter). */
export function SelectFilter(props: {
  /** The id of the label, which names the drop-down for assistive technology. */
  labelId: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
  minWidth: number;
  marginRight?: number;
  testId?: string;
}) {
  return (
    <FormControl
      variant="outlined"
      size="small"
      style={{ minWidth: props.minWidth, marginRight: props.marginRight }}
    >
      <InputLabel id={props.labelId}>{props.label}</InputLabel>
      <Select
        labelId={props.labelId}
        label={props.label}
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
        data-testid={props.testId}
      >
        {props.options.map(o => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * The quarter a page shows, one of the last six (the newest at first), and the props of the
 * drop-down that chooses it.
 */
export function useQuarterChoice() {
  const quarters = useMemo(() => recentQuarters(new Date(), 6), []);
  const [quarterId, setQuarterId] = useState(quarters[0].id);
  const quarter = quarters.find(q => q.id === quarterId) ?? quarters[0];
  const filter = {
    label: 'Quarter',
    value: quarterId,
    options: quarters.map(q => ({ value: q.id, label: q.id })),
    onChange: setQuarterId,
  };
  return { quarter, filter };
}

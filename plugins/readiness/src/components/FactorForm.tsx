import {
  Box,
  Chip,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  Colour,
  FactorId,
  colourForValue,
  colours,
  factors,
  isNumericFactor,
} from '@internal/plugin-readiness-common';
import { colourHex, colourName } from './colours';

/** What the form holds for one factor. */
export type FactorState = {
  colour?: Colour;
  /** The number as typed; empty when none. */
  value: string;
  /** Taken unchanged from the portal's data. */
  measured: boolean;
  evidence?: string;
};

export type FactorStates = Record<FactorId, FactorState>;

export const emptyFactors = (): FactorStates =>
  Object.fromEntries(
    factors.map(f => [f.id, { value: '', measured: false }]),
  ) as unknown as FactorStates;

/** The number of a factor, or an error message when it is not acceptable. */
export function parseNumber(
  factorId: FactorId,
  text: string,
): { value?: number; error?: string } {
  if (text.trim() === '') return {};
  const factor = factors.find(f => f.id === factorId)!;
  const numeric = factor.numeric!;
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: 'Enter a number' };
  if (value < numeric.min || value > numeric.max) {
    return { error: `Between ${numeric.min} and ${numeric.max}` };
  }
  if (numeric.integer && !Number.isInteger(value))
    return { error: 'A whole number' };
  return { value };
}

/** The colour a factor ends up with: the number decides when there is one. */
export function effectiveColour(
  factorId: FactorId,
  state: FactorState,
): Colour | undefined {
  if (isNumericFactor(factorId)) {
    const { value } = parseNumber(factorId, state.value);
    if (value !== undefined) return colourForValue(factorId, value);
  }
  return state.value.trim() === '' ? state.colour : undefined;
}

export function FactorForm(props: {
  states: FactorStates;
  onChange: (id: FactorId, state: FactorState) => void;
}) {
  const { states, onChange } = props;
  return (
    <>
      {factors.map(factor => {
        const state = states[factor.id];
        const chosen = effectiveColour(factor.id, state);
        const parsed = isNumericFactor(factor.id)
          ? parseNumber(factor.id, state.value)
          : {};
        return (
          <Box key={factor.id} mb={3} data-testid={`factor-${factor.id}`}>
            <FormControl component="fieldset" fullWidth>
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <FormLabel component="legend" style={{ fontWeight: 600 }}>
                  {factor.label}
                </FormLabel>
                {state.measured && state.evidence && (
                  <Chip size="small" color="primary" label="Measured" />
                )}
              </Box>
              {state.measured && state.evidence && (
                // The source can be a long sentence (delivery metrics say what they measured):
                // it wraps under the label rather than being cut off in the chip.
                <Typography variant="caption" color="textSecondary">
                  {state.evidence}
                </Typography>
              )}
              <RadioGroup
                aria-label={factor.label}
                name={factor.id}
                value={chosen ?? ''}
                onChange={e =>
                  onChange(factor.id, {
                    colour: e.target.value as Colour,
                    value: '',
                    measured: false,
                  })
                }
              >
                {colours.map(colour => (
                  <FormControlLabel
                    key={colour}
                    value={colour}
                    control={<Radio style={{ color: colourHex[colour] }} />}
                    label={
                      <Typography variant="body2">
                        <strong style={{ color: colourHex[colour] }}>
                          {colourName[colour]}
                        </strong>{' '}
                        {factor.options[colour]}
                      </Typography>
                    }
                  />
                ))}
              </RadioGroup>
              {factor.numeric && (
                <TextField
                  id={`readiness-${factor.id}-value`}
                  label={`${factor.numeric.label} (optional)`}
                  type="number"
                  size="small"
                  variant="outlined"
                  value={state.value}
                  inputProps={{
                    min: factor.numeric.min,
                    max: factor.numeric.max,
                    step: factor.numeric.integer ? 1 : 0.1,
                    'aria-label': factor.numeric.label,
                  }}
                  error={Boolean(parsed.error)}
                  helperText={
                    parsed.error ??
                    `Green ${factor.numeric.thresholds.green}, yellow ${factor.numeric.thresholds.yellow}, red ${factor.numeric.thresholds.red}`
                  }
                  onChange={e =>
                    onChange(factor.id, {
                      colour: state.colour,
                      value: e.target.value,
                      measured: false,
                    })
                  }
                  style={{ maxWidth: 420, marginTop: 4 }}
                />
              )}
            </FormControl>
          </Box>
        );
      })}
    </>
  );
}

import { InputError } from '@backstage/errors';
import {
  toCreateScenarioRequest,
  toRoiInputs,
  toUpdateScenarioRequest,
} from './requests';
import { SEED_EXAMPLE_INPUTS } from './seedExample';

describe('the domain rules after the contract', () => {
  it('applies the defaults of the optional inputs', () => {
    expect(toRoiInputs(SEED_EXAMPLE_INPUTS)).toMatchObject({
      periodMonths: 12,
      currency: 'EUR',
      rampUpMonths: 6,
      recurringYearlyCosts: 0,
    });
  });

  it.each([
    [{ devCosts: 0.001 }, 'inputs.devCosts: must be 0 or at least 0.01'],
    [
      { improvedResourcesPct: 1e-300 },
      'inputs.improvedResourcesPct: must be 0 or at least 0.01',
    ],
    [
      { designCosts: 0, addLicenceCosts: 0, trainingCosts: 0 },
      'inputs.investment: designCosts + addLicenceCosts + trainingCosts must be greater than 0',
    ],
  ])('refuses %p naming the field', (change, message) => {
    const attempt = () =>
      toRoiInputs({ ...SEED_EXAMPLE_INPUTS, ...change }, 'inputs.');
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
  });

  it('trims the name, lower-cases the groups and keeps the version', () => {
    expect(
      toUpdateScenarioRequest({
        name: '  Case ',
        inputs: SEED_EXAMPLE_INPUTS,
        sharedWithGroups: ['group:default/Finance'],
        version: 3,
      }),
    ).toEqual({
      name: 'Case',
      description: '',
      inputs: toRoiInputs(SEED_EXAMPLE_INPUTS),
      sharedWithGroups: ['group:default/finance'],
      sharedByLink: false,
      version: 3,
    });
    expect(() =>
      toCreateScenarioRequest({ name: ' \t', inputs: SEED_EXAMPLE_INPUTS }),
    ).toThrow('name: must be a text of 1 to 200 characters');
  });
});

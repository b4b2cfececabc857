import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { insightsAdoptionDateSetPermission } from '@internal/plugin-insights-common';
import { configure, screen, within } from '@testing-library/react';
import { insightsApiRef } from '../api';
import { mockInsightsApi } from '../testing/fixtures';
import { ADOPTION_DATE_REFUSED } from './AdoptionDateForm';
import { CohortComparisonSection } from './CohortComparison';

configure({ asyncUtilTimeout: 5_000 });

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

// usePermission keeps its answer per permission for the module: members only in this file
describe('the adoption date form, for a member who is not a platform admin', () => {
  it('shows the form closed, with the reason, and sends nothing', async () => {
    const authorize = jest.fn(
      async () => ({ result: 'DENY' } as unknown as Decision),
    );
    const api = mockInsightsApi({
      setTeamAdoptionDate: jest.fn(),
      clearTeamAdoptionDate: jest.fn(),
    });
    await renderInTestApp(<CohortComparisonSection to="2026-10-01" />, {
      apis: [
        [insightsApiRef, api],
        [permissionApiRef, mockApis.permission.mock({ authorize })],
      ],
    });
    const f = within(
      await screen.findByRole('region', { name: 'Team adoption date' }),
    );
    expect(await f.findByRole('note')).toHaveTextContent(ADOPTION_DATE_REFUSED);
    expect(ADOPTION_DATE_REFUSED).toContain('Only platform admins');
    expect(f.getByLabelText('Team')).toBeDisabled();
    expect(f.getByLabelText('Adopted on')).toBeDisabled();
    expect(f.getByRole('button', { name: 'Set date' })).toBeDisabled();
    expect(f.getByRole('button', { name: 'Clear date' })).toBeDisabled();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: insightsAdoptionDateSetPermission.name,
        }),
      }),
    );
    expect(api.setTeamAdoptionDate).not.toHaveBeenCalled();
  });
});

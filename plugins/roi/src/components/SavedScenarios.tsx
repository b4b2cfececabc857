import { Link, Table, TableColumn } from '@backstage/core-components';
import { Checkbox, IconButton, Tooltip } from '@material-ui/core';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import GetAppIcon from '@material-ui/icons/GetApp';
import DeleteIcon from '@material-ui/icons/Delete';
import PrintIcon from '@material-ui/icons/Print';
import { RoiScenarioSummary } from '@internal/plugin-roi-common';
import { formatMoney, formatMonths, formatPercent } from './format';

export const MAX_COMPARE = 3;

export function SavedScenarios(props: {
  items: RoiScenarioSummary[];
  loading: boolean;
  currentId?: string;
  compareIds: string[];
  onToggleCompare: (id: string) => void;
  onOpen: (id: string) => void;
  onDuplicate: (id: string) => void;
  onExport: (id: string) => void;
  onDelete: (s: RoiScenarioSummary) => void;
  reportLink: (id: string) => string;
}) {
  const columns: TableColumn<RoiScenarioSummary>[] = [
    {
      title: 'Compare',
      width: '60px',
      render: s => (
        <Checkbox
          size="small"
          inputProps={{ 'aria-label': `Compare ${s.name}` }}
          checked={props.compareIds.includes(s.id)}
          disabled={
            !props.compareIds.includes(s.id) &&
            props.compareIds.length >= MAX_COMPARE
          }
          onChange={() => props.onToggleCompare(s.id)}
        />
      ),
    },
    {
      title: 'Name',
      field: 'name',
      render: s => (
        <Link
          to="#"
          onClick={e => {
            e.preventDefault();
            props.onOpen(s.id);
          }}
          data-testid="roi-scenario-link"
        >
          {s.id === props.currentId ? <b>{s.name}</b> : s.name}
        </Link>
      ),
    },
    { title: 'Owner', field: 'ownerRef' },
    {
      title: 'ROI',
      field: 'roiPercent',
      type: 'numeric',
      render: s => formatPercent(s.roiPercent),
    },
    {
      title: 'Payback',
      field: 'paybackMonths',
      type: 'numeric',
      render: s => formatMonths(s.paybackMonths),
    },
    {
      title: 'Net gain',
      field: 'netGain',
      type: 'numeric',
      render: s => formatMoney(s.netGain, s.currency),
    },
    { title: 'Version', field: 'version', type: 'numeric' },
    {
      title: 'Saved',
      field: 'updatedAt',
      render: s => new Date(s.updatedAt).toLocaleString('en-GB'),
    },
    {
      title: 'Actions',
      sorting: false,
      render: s => (
        <>
          <Tooltip title="Duplicate">
            <IconButton
              size="small"
              aria-label={`Duplicate ${s.name}`}
              onClick={() => props.onDuplicate(s.id)}
            >
              <FileCopyIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title="Export CSV">
            <IconButton
              size="small"
              aria-label={`Export CSV of ${s.name}`}
              onClick={() => props.onExport(s.id)}
            >
              <GetAppIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title="Report for printing">
            <Link
              to={props.reportLink(s.id)}
              aria-label={`Report of ${s.name}`}
              style={{
                padding: 3,
                display: 'inline-flex',
                verticalAlign: 'middle',
              }}
            >
              <PrintIcon fontSize="small" />
            </Link>
          </Tooltip>
          {s.canEdit && (
            <Tooltip title="Delete">
              <IconButton
                size="small"
                aria-label={`Delete ${s.name}`}
                onClick={() => props.onDelete(s)}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
        </>
      ),
    },
  ];
  return (
    <Table<RoiScenarioSummary>
      title="Saved scenarios"
      isLoading={props.loading}
      data={props.items}
      columns={columns}
      options={{ paging: props.items.length > 10, pageSize: 10, search: true }}
      emptyContent={
        <div style={{ padding: 16 }}>
          No saved scenario yet: give this one a name and save it.
        </div>
      }
    />
  );
}

/**
 * What the portal's frontend plugins share: one pager, one trend chart and one file download.
 *
 * @packageDocumentation
 */
export { Pager, offsetSummary } from './components/Pager';
export type { PagerProps } from './components/Pager';
export { CursorPager } from './components/CursorPager';
export type { CursorPage, CursorPagerProps } from './components/CursorPager';
export { ApiErrorPanel, isForbidden } from './components/ApiErrorPanel';
export { downloadFile } from './download';
export { ChartFrame, TrendChart } from './charts/TrendChart';
export type { TrendChartProps, TrendSeries } from './charts/TrendChart';
export { DemoDataBanner } from './components/DemoDataBanner';

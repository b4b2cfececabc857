import { Route, Routes } from 'react-router-dom';
import { CalculatorPage } from './CalculatorPage';
import { ReportPage } from './ReportPage';

/** `/roi`: the calculator; `/roi/report/:id` and `/roi/shared/:token`: the report. */
export function RoiPage() {
  return (
    <Routes>
      <Route path="/" element={<CalculatorPage />} />
      <Route path="/report/:id" element={<ReportPage />} />
      <Route path="/shared/:token" element={<ReportPage shared />} />
    </Routes>
  );
}

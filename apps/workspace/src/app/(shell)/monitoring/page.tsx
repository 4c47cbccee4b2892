import { ComingSoon } from '../../../components/coming-soon';

export default function MonitoringPage() {
  return <ComingSoon title="Monitoring">Prediction logs, drift and data-quality reports, live accuracy and alert rules arrive with the serving and monitoring services.</ComingSoon>;
}

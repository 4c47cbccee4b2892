import { ComingSoon } from '../../../components/coming-soon';

export default function ExperimentsPage() {
  return <ComingSoon title="Experiments">Training jobs, sweeps, runs and their per-epoch metric curves arrive with the training service and its trainers.</ComingSoon>;
}

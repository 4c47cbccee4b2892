import { ComingSoon } from '../../../components/coming-soon';

export default function ModelsPage() {
  return <ComingSoon title="Models">The model registry — versions with lineage, aliases such as production, four-eyes approvals and model cards — arrives with the registry service.</ComingSoon>;
}

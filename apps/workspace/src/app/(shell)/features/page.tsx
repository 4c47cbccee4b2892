import { ComingSoon } from '../../../components/coming-soon';

export default function FeaturesPage() {
  return <ComingSoon title="Features">Feature views over dataset versions — entity keys, event-time columns, point-in-time correct training sets and an online store — arrive with the feature-store service.</ComingSoon>;
}

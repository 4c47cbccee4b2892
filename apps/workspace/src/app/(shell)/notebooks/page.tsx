import { ComingSoon } from '../../../components/coming-soon';

export default function NotebooksPage() {
  return <ComingSoon title="Notebooks">Notebooks with tfjs cells on WebGPU in the browser and Python cells on Jupyter kernels arrive in a later release.</ComingSoon>;
}

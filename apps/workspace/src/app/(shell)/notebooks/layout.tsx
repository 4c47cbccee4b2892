import type { ReactNode } from 'react';
import './notebooks.css';

export default function NotebooksLayout({ children }: { children: ReactNode }) {
  return children;
}

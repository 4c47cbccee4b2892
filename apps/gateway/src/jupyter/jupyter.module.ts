import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { JupyterProxy } from './jupyter-proxy';
import { KernelCredentialsController } from './kernel-credentials.controller';

/** Notebooks: the same-origin proxy to Jupyter (/jupyter/*) and credentials for the kernels. */
@Module({
  imports: [IdentityModule],
  controllers: [KernelCredentialsController],
  providers: [JupyterProxy],
  exports: [JupyterProxy],
})
export class JupyterModule {}

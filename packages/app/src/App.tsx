import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { brandingModule } from './modules/app';
import { goldenPathsFormModule } from './modules/goldenPaths';
import { kubernetesDemoModule } from './modules/kubernetes';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    brandingModule,
    goldenPathsFormModule,
    kubernetesDemoModule,
  ],
});

import {
  ANNOTATION_GITHUB_SLUG,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TECHDOCS_REF,
  ANNOTATION_TEMPLATE,
  ANNOTATION_TEMPLATE_VERSION,
} from './annotations';
import { GoldenPath, ServiceLink } from './types';

/** The minimal entity shape these helpers read (works with partial `fields` answers). */
export type EntityLike = {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    annotations?: Record<string, string>;
    links?: Array<{
      url: string;
      title?: string;
      icon?: string;
      type?: string;
    }>;
  };
};

/**
 * The repository of an entity: its GitHub slug when it declares one (an explicit statement),
 * else its source location (which the catalog derives from where the file was read).
 */
export function repositoryLink(entity: EntityLike): ServiceLink | undefined {
  const annotations = entity.metadata?.annotations ?? {};
  const slug = annotations[ANNOTATION_GITHUB_SLUG];
  if (slug && /^[\w.-]+\/[\w.-]+$/.test(slug)) {
    return { title: 'Repository', url: `https://github.com/${slug}` };
  }
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  if (source) {
    const url = source.replace(/^url:/, '');
    if (/^https?:\/\//.test(url)) return { title: 'Repository', url };
  }
  return undefined;
}

/** The TechDocs page of an entity when it declares `backstage.io/techdocs-ref`. */
export function docsLink(entity: EntityLike): ServiceLink | undefined {
  if (!entity.metadata?.annotations?.[ANNOTATION_TECHDOCS_REF])
    return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  const kind = (entity.kind ?? 'component').toLocaleLowerCase('en-US');
  return {
    title: 'Docs',
    url: `/docs/${namespace}/${kind}/${entity.metadata.name}`,
  };
}

/** Links that point at a dashboard (icon `dashboard`, or a title naming one). */
export function dashboardLinks(entity: EntityLike): ServiceLink[] {
  return (entity.metadata?.links ?? [])
    .filter(
      link =>
        link.icon === 'dashboard' ||
        link.type === 'dashboard' ||
        /dashboard|grafana/i.test(link.title ?? ''),
    )
    .map(link => ({ title: link.title ?? link.url, url: link.url }));
}

/** The golden path and version from `acme.example/template(-version)`. */
export function goldenPathOf(entity: EntityLike): GoldenPath | undefined {
  const annotations = entity.metadata?.annotations ?? {};
  const template = annotations[ANNOTATION_TEMPLATE];
  if (!template) return undefined;
  const version = annotations[ANNOTATION_TEMPLATE_VERSION];
  return version ? { template, version } : { template };
}

// The fields of Kubernetes objects the analysis reads, as zod schemas: unknown fields pass, wrong
// types of known ones are errors naming the field.
import { z } from 'zod';
import { parseOrThrow } from '../model/validate';

const labelsSchema = z.record(z.string(), z.string());
const metadataSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: labelsSchema.nullish(), // `labels: null` (nil) is valid Kubernetes
  // kubectl and the API always give an owner's kind; netpol-analyzer reads one without it (as `name[Pod]`), so do we.
  ownerReferences: z.array(z.looseObject({ kind: z.string().optional(), name: z.string(), controller: z.boolean().optional() })).optional(),
});
const podSpecSchema = z.looseObject({
  containers: z.array(
    z.looseObject({
      ports: z
        // A port entry without containerPort says nothing a policy can use: readWorkloads skips it with a notice.
        .array(z.looseObject({ containerPort: z.number().int().min(1).max(65535).optional(), name: z.string().optional(), protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional() }))
        .optional(),
    }),
  ),
  hostNetwork: z.boolean().optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
});
const templateSchema = z.looseObject({ metadata: z.looseObject({ labels: labelsSchema.nullish() }).nullish(), spec: podSpecSchema });
const podSchema = z.looseObject({ metadata: metadataSchema, spec: podSpecSchema });
const controllerSchema = z.looseObject({ metadata: metadataSchema, spec: z.looseObject({ template: templateSchema }) });
const cronJobSchema = z.looseObject({
  metadata: metadataSchema,
  spec: z.looseObject({ jobTemplate: z.looseObject({ spec: z.looseObject({ template: templateSchema }) }) }),
});
/** Any object by name and labels (Namespace, ServiceAccount). */
export const namedSchema = z.looseObject({ metadata: metadataSchema });
/** The `kubernetes` Service's EndpointSlice: the API server's addresses. */
export const endpointSliceSchema = z.looseObject({ metadata: metadataSchema, endpoints: z.array(z.looseObject({ addresses: z.array(z.string()) })).nullish() });
/** The `kubernetes` Service's Endpoints (older clusters, and kubectl dumps). */
export const endpointsSchema = z.looseObject({
  metadata: metadataSchema,
  subsets: z.array(z.looseObject({ addresses: z.array(z.looseObject({ ip: z.string() })).nullish() })).nullish(),
});

/** A workload object's metadata and the pod template its pods are made from (a Pod is its own). */
export interface PodSource {
  readonly metadata: z.infer<typeof metadataSchema>;
  readonly template: z.infer<typeof templateSchema>;
  /** Where the pod template is in the object, as `spec.template`; absent for a Pod. */
  readonly templatePath?: string;
}

/** A kind that makes pods: the API groups it lives in, and how to read its pod template. */
export interface WorkloadKind {
  readonly groups: readonly string[];
  readonly read: (manifest: unknown, where: string) => PodSource;
}

function controllerSource(manifest: unknown, where: string): PodSource {
  const controller = parseOrThrow(controllerSchema, manifest, where);
  return { metadata: controller.metadata, template: controller.spec.template, templatePath: 'spec.template' };
}

/** The kinds that make pods (the ones netpol-analyzer reads), by kind. */
export const WORKLOAD_KINDS: Readonly<Record<string, WorkloadKind>> = {
  Pod: {
    groups: [''],
    read: (manifest, where) => {
      const pod = parseOrThrow(podSchema, manifest, where);
      return { metadata: pod.metadata, template: pod };
    },
  },
  ReplicationController: { groups: [''], read: controllerSource },
  Deployment: { groups: ['apps', 'extensions'], read: controllerSource },
  ReplicaSet: { groups: ['apps', 'extensions'], read: controllerSource },
  StatefulSet: { groups: ['apps'], read: controllerSource },
  DaemonSet: { groups: ['apps', 'extensions'], read: controllerSource },
  Job: { groups: ['batch'], read: controllerSource },
  CronJob: {
    groups: ['batch'],
    read: (manifest, where) => {
      const cronJob = parseOrThrow(cronJobSchema, manifest, where);
      return { metadata: cronJob.metadata, template: cronJob.spec.jobTemplate.spec.template, templatePath: 'spec.jobTemplate.spec.template' };
    },
  },
};

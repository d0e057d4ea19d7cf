{{/*
What the operator does in the namespaces it watches, and nothing more: it reconciles ChainPipelines
and Disks (their status and finalizers too), creates the Disk a pipeline's output becomes when it
does not exist yet, creates and deletes the Jobs of blocks, reads the pods
of those Jobs for their termination messages, keeps plans in ConfigMaps and records Events.
Secrets are absent on purpose: shard pods mount the S3 Secret by name, the operator never reads it.
*/}}
{{- define "chainblock.watchRules" -}}
- apiGroups: [chainblock.io]
  resources: [chainpipelines, disks]
  verbs: [get, list, watch, update, patch]
- apiGroups: [chainblock.io]
  resources: [disks]
  verbs: [create]
- apiGroups: [chainblock.io]
  resources: [chainpipelines/status, disks/status]
  verbs: [get, update, patch]
- apiGroups: [chainblock.io]
  resources: [chainpipelines/finalizers, disks/finalizers]
  verbs: [update]
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, update, delete]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end }}

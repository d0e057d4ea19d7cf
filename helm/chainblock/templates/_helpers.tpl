{{- define "chainblock.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release name alone when it already says chainblock, so `helm install chainblock` gives "chainblock", not "chainblock-chainblock". */}}
{{- define "chainblock.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "chainblock.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ include "chainblock.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "chainblock.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chainblock.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "chainblock.minioSelectorLabels" -}}
app.kubernetes.io/name: {{ include "chainblock.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: minio
{{- end }}

{{- define "chainblock.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chainblock.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is needed when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "chainblock.operatorImage" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "chainblock.runtimeImage" -}}
{{- printf "%s:%s" .Values.runtimeImage.repository (default .Chart.AppVersion .Values.runtimeImage.tag) }}
{{- end }}

{{- define "chainblock.minioName" -}}
{{- printf "%s-minio" (include "chainblock.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chainblock.s3Endpoint" -}}
{{- if .Values.storage.endpoint }}
{{- .Values.storage.endpoint }}
{{- else if .Values.minio.enabled }}
{{- printf "http://%s.%s.svc:9000" (include "chainblock.minioName" .) .Release.Namespace }}
{{- else }}
{{- fail "storage.endpoint is not set: give the S3 endpoint the operator and shard pods reach (--set storage.endpoint=http://minio.minio.svc:9000), or --set minio.enabled=true for a development MinIO" }}
{{- end }}
{{- end }}

{{/* The keys the chart puts in storage.secretName, as YAML (read back with fromYaml); empty when the user provides the Secret. */}}
{{- define "chainblock.s3Credentials" -}}
{{- $c := .Values.storage.credentials }}
{{- if and $c.accessKey $c.secretKey }}
accessKey: {{ $c.accessKey | toJson }}
secretKey: {{ $c.secretKey | toJson }}
{{- else if or $c.accessKey $c.secretKey }}
{{- fail "storage.credentials needs both accessKey and secretKey, or neither (then create the Secret storage.secretName yourself)" }}
{{- else if .Values.minio.enabled }}
accessKey: {{ .Values.minio.rootUser | toJson }}
secretKey: {{ .Values.minio.rootPassword | toJson }}
{{- end }}
{{- end }}

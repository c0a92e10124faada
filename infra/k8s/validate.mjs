// Renders the Kustomize overlay offline and validates every object it produces:
//  1. render: a small Kustomize-compatible renderer for exactly the features these manifests use
//     (resources, namespace, labels, images, patches: strategic merge and JSON 6902). When `kubectl` is on the
//     PATH, its built-in Kustomize renders the same overlay and the two results must be equal, object for object.
//  2. schemas: every core object (v1, apps/v1, policy/v1, networking.k8s.io/v1) against the Kubernetes OpenAPI
//     JSON schemas shipped in the npm package kubernetes-models (compiled ajv validators, no network), and
//     with no field that the package's type declarations do not name (as kubectl --validate=strict would).
//  3. CloudNativePG objects (no schema in that package): apiVersion, kind and the spec fields the operator
//     requires, checked structurally.
//  4. Bredvid's own rules: replicas, probes on the health endpoints, resources, non-root + read-only root
//     filesystem, every key from a Secret, PDB/Service/Ingress/NetworkPolicy wired to the right pods and ports.
//  5. Self-checks: broken copies of the objects must be refused, so that a validator that accepts anything fails.
// Usage: node validate.mjs [overlay-dir]   (default overlays/production). Prints "N passed, M failed".
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const overlay = path.resolve(here, process.argv[2] ?? "overlays/production");
let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) passed++;
  else { failed++; console.log(`FAIL ${name}${detail ? ": " + detail : ""}`); }
}
const clone = (o) => structuredClone(o);
const Y11 = { version: "1.1" };
const keyOf = (o) => `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;

// ---------------------------------------------------------------- 1. render
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"]);
const MERGE_KEYS = { containers: "name", initContainers: "name", env: "name", volumes: "name",
  volumeMounts: "mountPath", ports: "containerPort", imagePullSecrets: "name" };

function strategicMerge(base, patch, field = "") {
  if (Array.isArray(base) && Array.isArray(patch) && MERGE_KEYS[field]) {
    // As kustomize (kyaml) orders them: the patch's elements first, in its order, then the rest of the base.
    const k = MERGE_KEYS[field];
    const merged = patch.map((item) => {
      const b = base.find((x) => x[k] === item[k]);
      return b ? strategicMerge(b, item, "") : clone(item);
    });
    return [...merged, ...base.filter((b) => !patch.some((item) => item[k] === b[k])).map(clone)];
  }
  if (base && patch && typeof base === "object" && typeof patch === "object" && !Array.isArray(base) && !Array.isArray(patch)) {
    const out = clone(base);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = k in out ? strategicMerge(out[k], v, k) : clone(v);
    }
    return out;
  }
  return clone(patch);
}

function jsonPatch(doc, ops) {
  const out = clone(doc);
  for (const op of ops) {
    const parts = op.path.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = parts.pop();
    let parent = out;
    for (const p of parts) {
      if (parent?.[p] === undefined) throw new Error(`json patch: ${op.path} does not exist`);
      parent = parent[p];
    }
    if (op.op === "remove") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last];
    } else if (op.op === "replace") {
      if (!(last in parent)) throw new Error(`json patch: ${op.path} does not exist`);
      parent[last] = op.value;
    } else if (op.op === "add") {
      if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
      else parent[last] = op.value;
    } else throw new Error(`json patch: unsupported op ${op.op}`);
  }
  return out;
}

function forEachPodSpecContainer(obj, fn) {
  const spec = obj.spec?.template?.spec ?? (obj.kind === "Pod" ? obj.spec : null);
  if (!spec) return;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) fn(c);
}

function render(dir) {
  // YAML 1.1 as Kubernetes reads it (0440 is octal).
  const kfile = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((f) => path.join(dir, f)).find(fs.existsSync);
  if (!kfile) throw new Error(`no kustomization in ${dir}`);
  const k = YAML.parse(fs.readFileSync(kfile, "utf8"), Y11);
  const known = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"]);
  for (const f of Object.keys(k)) if (!known.has(f)) throw new Error(`${kfile}: field ${f} is not supported by this renderer`);
  let objs = [];
  for (const r of k.resources ?? []) {
    const p = path.join(dir, r);
    if (fs.statSync(p).isDirectory()) objs.push(...render(p));
    else objs.push(...YAML.parseAllDocuments(fs.readFileSync(p, "utf8"), Y11).map((d) => d.toJS()).filter(Boolean));
  }
  for (const pt of k.patches ?? []) {
    const text = pt.path ? fs.readFileSync(path.join(dir, pt.path), "utf8") : pt.patch;
    const body = YAML.parse(text, Y11);
    const target = pt.target ?? { kind: body.kind, name: body.metadata?.name };
    const hits = objs.filter((o) => (!target.kind || o.kind === target.kind) && (!target.name || o.metadata?.name === target.name));
    if (hits.length === 0) throw new Error(`patch ${pt.path ?? JSON.stringify(target)} matches nothing`);
    objs = objs.map((o) => (hits.includes(o) ? (Array.isArray(body) ? jsonPatch(o, body) : strategicMerge(o, body)) : o));
  }
  if (k.namespace) {
    for (const o of objs) {
      if (CLUSTER_SCOPED.has(o.kind)) continue;
      o.metadata.namespace = k.namespace;
    }
  }
  for (const l of k.labels ?? []) {
    if (l.includeSelectors || l.includeTemplates) throw new Error("labels: only includeSelectors/includeTemplates false are supported");
    for (const o of objs) o.metadata.labels = { ...(o.metadata.labels ?? {}), ...l.pairs };
  }
  for (const img of k.images ?? []) {
    for (const o of objs) forEachPodSpecContainer(o, (c) => {
      const m = /^([^@:]+(?::\d+\/[^@:]+)?)(?::([^@]+))?(?:@(.+))?$/.exec(c.image);
      if (!m || m[1] !== img.name) return;
      const name = img.newName ?? m[1];
      c.image = img.digest ? `${name}@${img.digest}` : `${name}:${img.newTag ?? m[2] ?? "latest"}`;
    });
  }
  return objs;
}

const rendered = render(overlay);
check("render: objects", rendered.length > 0);
const byKey = new Map(rendered.map((o) => [keyOf(o), o]));
check("render: unique kind/namespace/name", byKey.size === rendered.length);

let kubectlCompared = false;
try {
  execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
  const out = execFileSync("kubectl", ["kustomize", overlay], { encoding: "utf8" });
  const theirs = YAML.parseAllDocuments(out, Y11).map((d) => d.toJS()).filter(Boolean);
  const theirMap = new Map(theirs.map((o) => [keyOf(o), o]));
  check("kubectl kustomize: same objects", theirMap.size === byKey.size && [...byKey.keys()].every((k) => theirMap.has(k)),
    `ours ${[...byKey.keys()].sort()} theirs ${[...theirMap.keys()].sort()}`);
  for (const [k, o] of byKey) {
    const t = theirMap.get(k);
    const same = t && JSON.stringify(sortKeys(o)) === JSON.stringify(sortKeys(t));
    check(`kubectl kustomize: ${k} identical`, same, same ? "" : `\nours:   ${JSON.stringify(sortKeys(o))}\ntheirs: ${JSON.stringify(sortKeys(t))}`);
  }
  kubectlCompared = true;
} catch (e) {
  if (e.code !== "ENOENT" && e.status === undefined) throw e;
  if (e.code !== "ENOENT") check("kubectl kustomize renders", false, String(e.stderr ?? e.message));
}
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

// ---------------------------------------------------------------- 2. Kubernetes schemas
const CORE_GROUPS = new Set(["v1", "apps/v1", "policy/v1", "networking.k8s.io/v1", "batch/v1", "rbac.authorization.k8s.io/v1"]);
async function schemaErrors(o) {
  const mod = await import(`kubernetes-models/${o.apiVersion}/${o.kind}`);
  const Model = mod[o.kind];
  try { new Model(o).validate(); return null; } catch (e) { return e.message; }
}
// The Kubernetes schemas allow unknown fields (the API server drops them, or refuses them with
// --validate=strict): a misspelt field such as `readinesProbe` would pass. Walk each object along the
// field lists of the package's type declarations (.d.ts) and refuse every field they do not name.
const dtsCache = new Map();
function dtsFields(file) {
  if (dtsCache.has(file)) return dtsCache.get(file);
  const text = fs.readFileSync(file, "utf8");
  const imports = new Map();
  for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
    const target = m[2].startsWith(".") ? path.resolve(path.dirname(file), m[2].replace(/\.js$/, ""))
      : path.join(here, "node_modules", m[2].replace(/\.js$/, ""));
    imports.set(m[1], target + ".d.ts");
  }
  const body = /export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/.exec(text)?.[1] ?? "";
  const fields = new Map();
  for (const m of body.matchAll(/^    "([^"]+)"\??: (.*);?$/gm)) {
    const t = m[2].replace(/;$/, "");
    const ref = /^(?:Array<)?(\w+)>?$/.exec(t)?.[1];
    fields.set(m[1], ref && imports.has(ref) ? imports.get(ref) : null);
  }
  dtsCache.set(file, fields);
  return fields;
}
function unknownFields(value, file, where, out) {
  if (!file || value === null || typeof value !== "object") return out;
  if (Array.isArray(value)) { value.forEach((v, i) => unknownFields(v, file, `${where}[${i}]`, out)); return out; }
  const fields = dtsFields(file);
  if (fields.size === 0) return out; // an opaque type (quantity, int-or-string, raw JSON)
  for (const [k, v] of Object.entries(value)) {
    if (!fields.has(k)) out.push(`unknown field ${where}.${k}`);
    else unknownFields(v, fields.get(k), `${where}.${k}`, out);
  }
  return out;
}
const modelFile = (o) => path.join(here, "node_modules", "kubernetes-models", o.apiVersion, `${o.kind}.d.ts`);

const CNPG = "postgresql.cnpg.io/v1";
for (const o of rendered) {
  if (CORE_GROUPS.has(o.apiVersion)) {
    const err = await schemaErrors(o);
    check(`schema: ${keyOf(o)}`, err === null, err ?? "");
    const unknown = unknownFields(o, modelFile(o), o.kind, []);
    check(`no unknown fields: ${keyOf(o)}`, unknown.length === 0, unknown.join("; "));
  } else if (o.apiVersion !== CNPG) {
    check(`known apiVersion: ${keyOf(o)}`, false, `${o.apiVersion} is neither a core group nor CloudNativePG`);
  }
  check(`namespace: ${keyOf(o)}`, o.kind === "Namespace" || o.metadata.namespace === "bredvid");
}

// ---------------------------------------------------------------- 3. CloudNativePG, structurally
const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const secretRef = (r) => r && typeof r.name === "string" && r.name && typeof r.key === "string" && r.key;
function cnpgClusterProblems(c) {
  const p = [], s = c.spec ?? {};
  if (c.apiVersion !== CNPG) p.push("apiVersion");
  if (!c.metadata?.name || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c.metadata.name)) p.push("metadata.name");
  if (!Number.isInteger(s.instances) || s.instances < 3) p.push("spec.instances must be an integer >= 3");
  if (!QUANTITY.test(String(s.storage?.size ?? ""))) p.push("spec.storage.size must be a quantity");
  if (s.walStorage && !QUANTITY.test(String(s.walStorage.size ?? ""))) p.push("spec.walStorage.size must be a quantity");
  if (typeof s.imageName !== "string" || !/postgresql:15/.test(s.imageName)) p.push("spec.imageName must be a PostgreSQL 15 image");
  const init = s.bootstrap?.initdb;
  if (!init?.database || !init?.owner) p.push("spec.bootstrap.initdb.database and .owner");
  const b = s.backup?.barmanObjectStore;
  if (!b) p.push("spec.backup.barmanObjectStore");
  else {
    if (!/^s3:\/\/[^/]+/.test(b.destinationPath ?? "")) p.push("barmanObjectStore.destinationPath must be s3://bucket/...");
    if (!secretRef(b.s3Credentials?.accessKeyId) || !secretRef(b.s3Credentials?.secretAccessKey)) p.push("barmanObjectStore.s3Credentials from a Secret");
    if (!b.wal?.compression || !b.data?.compression) p.push("barmanObjectStore wal/data compression");
  }
  if (s.backup?.retentionPolicy && !/^[1-9][0-9]*[dwm]$/.test(s.backup.retentionPolicy)) p.push("backup.retentionPolicy");
  const known = new Set(["instances", "imageName", "primaryUpdateStrategy", "enableSuperuserAccess", "bootstrap", "postgresql",
    "storage", "walStorage", "resources", "affinity", "backup", "monitoring", "description", "minSyncReplicas", "maxSyncReplicas"]);
  for (const f of Object.keys(s)) if (!known.has(f)) p.push(`unknown field spec.${f}`);
  return p;
}
function scheduledBackupProblems(sb, clusterNames) {
  const p = [], s = sb.spec ?? {};
  if (sb.apiVersion !== CNPG) p.push("apiVersion");
  if (typeof s.schedule !== "string" || s.schedule.trim().split(/\s+/).length !== 6) p.push("spec.schedule must be a six-field cron (seconds first)");
  if (!clusterNames.includes(s.cluster?.name)) p.push("spec.cluster.name must name a Cluster of this overlay");
  if (s.method && !["barmanObjectStore", "volumeSnapshot", "plugin"].includes(s.method)) p.push("spec.method");
  if (s.backupOwnerReference && !["none", "self", "cluster"].includes(s.backupOwnerReference)) p.push("spec.backupOwnerReference");
  return p;
}
const clusters = rendered.filter((o) => o.apiVersion === CNPG && o.kind === "Cluster");
const backups = rendered.filter((o) => o.apiVersion === CNPG && o.kind === "ScheduledBackup");
check("cnpg: exactly one Cluster", clusters.length === 1);
check("cnpg: a ScheduledBackup", backups.length >= 1);
for (const o of rendered.filter((o) => o.apiVersion === CNPG)) {
  const p = o.kind === "Cluster" ? cnpgClusterProblems(o)
    : o.kind === "ScheduledBackup" ? scheduledBackupProblems(o, clusters.map((c) => c.metadata.name))
    : [`kind ${o.kind} not expected`];
  check(`cnpg: ${keyOf(o)}`, p.length === 0, p.join("; "));
}
check("no StatefulSet (the database comes from the operator)", !rendered.some((o) => o.kind === "StatefulSet"));

// ---------------------------------------------------------------- 4. Bredvid's rules
const SECRET_VARS = [ // README, Configuration: every key the jar takes, and whether it reads a *_FILE variant.
  ["BREDVID_JWT_PRIVATE_KEY", true], ["BREDVID_JWT_PREVIOUS_PUBLIC_KEYS", true], ["BREDVID_METRICS_TOKEN", true],
  ["BREDVID_FIELD_KEY_ID", false], ["BREDVID_FIELD_KEY", false], ["BREDVID_DB_PASSWORD", false],
  ["BREDVID_PUSH_VAPID_PRIVATE_KEY", false], ["BREDVID_PUSH_VAPID_PUBLIC_KEY", false]];
const HEALTH = new Set(["/health/liveness", "/health/readiness"]);
const matches = (sel, labels) => Object.entries(sel ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(sel ?? {}).length > 0;

function deploymentProblems(d) {
  const p = [], spec = d.spec ?? {}, pod = spec.template?.spec ?? {}, podLabels = spec.template?.metadata?.labels;
  if (!(spec.replicas >= 2)) p.push("replicas >= 2");
  if (!matches(spec.selector?.matchLabels, podLabels)) p.push("selector matches the pod template");
  if (pod.securityContext?.runAsNonRoot !== true) p.push("pod runAsNonRoot");
  if (!(pod.securityContext?.runAsUser > 0)) p.push("pod runAsUser non-zero");
  if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") p.push("seccompProfile RuntimeDefault");
  if (pod.automountServiceAccountToken !== false) p.push("no service account token");
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const c of pod.containers ?? []) {
    const sc = c.securityContext ?? {}, where = `container ${c.name}`;
    if (sc.readOnlyRootFilesystem !== true) p.push(`${where}: readOnlyRootFilesystem`);
    if (sc.allowPrivilegeEscalation !== false) p.push(`${where}: allowPrivilegeEscalation false`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) p.push(`${where}: drop ALL capabilities`);
    if (sc.runAsUser === 0) p.push(`${where}: runs as root`);
    if (!/@sha256:[0-9a-f]{64}$/.test(c.image ?? "")) p.push(`${where}: image pinned by digest`);
    const ports = new Map((c.ports ?? []).map((x) => [x.name, x.containerPort]));
    for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      const g = c[probe]?.httpGet;
      if (!g || !HEALTH.has(g.path)) p.push(`${where}: ${probe} on /health/liveness or /health/readiness`);
      else if (!(ports.has(g.port) || [...ports.values()].includes(g.port))) p.push(`${where}: ${probe} port`);
    }
    if (c.readinessProbe?.httpGet?.path !== "/health/readiness") p.push(`${where}: readiness on /health/readiness`);
    if (c.livenessProbe?.httpGet?.path !== "/health/liveness") p.push(`${where}: liveness on /health/liveness`);
    for (const kind of ["requests", "limits"]) for (const r of ["cpu", "memory"])
      if (!c.resources?.[kind]?.[r]) p.push(`${where}: resources.${kind}.${r}`);
    const mounts = c.volumeMounts ?? [];
    const tmp = mounts.find((m) => m.mountPath === "/tmp");
    if (!tmp || !volumes.get(tmp.name)?.emptyDir) p.push(`${where}: /tmp on an emptyDir`);
    const env = new Map((c.env ?? []).map((e) => [e.name, e]));
    for (const [name, fileVariant] of SECRET_VARS) {
      const direct = env.get(name), file = env.get(`${name}_FILE`);
      if (direct?.value !== undefined) p.push(`${where}: ${name} given as a literal value`);
      if (fileVariant && file) {
        const f = file.value ?? "";
        const m = mounts.find((m) => f.startsWith(m.mountPath.replace(/\/?$/, "/")));
        const v = m && volumes.get(m.name);
        const rel = m && f.slice(m.mountPath.replace(/\/?$/, "/").length);
        if (!v?.secret?.secretName) p.push(`${where}: ${name}_FILE not on a mounted Secret`);
        else if (v.secret.items && !v.secret.items.some((i) => i.path === rel)) p.push(`${where}: ${name}_FILE names no item of the Secret`);
      } else if (!direct?.valueFrom?.secretKeyRef?.name || !direct.valueFrom.secretKeyRef.key) {
        p.push(`${where}: ${name} from a Secret${fileVariant ? " (prefer " + name + "_FILE)" : ""}`);
      }
    }
    const environment = env.get("BREDVID_ENVIRONMENT")?.value;
    if (environment !== "production") p.push(`${where}: BREDVID_ENVIRONMENT=production`);
    if (env.has("MICRONAUT_ENVIRONMENTS")) p.push(`${where}: no MICRONAUT_ENVIRONMENTS`);
    if (env.get("BREDVID_HOST")?.value !== "0.0.0.0") p.push(`${where}: BREDVID_HOST=0.0.0.0`);
  }
  return p;
}

const deployments = rendered.filter((o) => o.kind === "Deployment");
check("one Deployment", deployments.length === 1);
const dep = deployments[0];
check(`rules: ${keyOf(dep)}`, deploymentProblems(dep).length === 0, deploymentProblems(dep).join("; "));
const podLabels = dep.spec.template.metadata.labels;
const appPort = dep.spec.template.spec.containers[0].ports.find((x) => x.name === "http").containerPort;

const pdbs = rendered.filter((o) => o.kind === "PodDisruptionBudget");
check("a PodDisruptionBudget selects the pods", pdbs.some((b) => matches(b.spec.selector?.matchLabels, podLabels)
  && (b.spec.maxUnavailable === 1 || (Number.isInteger(b.spec.minAvailable) && b.spec.minAvailable < dep.spec.replicas))));
const svc = rendered.find((o) => o.kind === "Service" && matches(o.spec.selector, podLabels));
check("a Service selects the pods", !!svc);
check("the Service targets the app port", svc?.spec.ports.some((x) => x.targetPort === "http" || x.targetPort === appPort));
const ing = rendered.find((o) => o.kind === "Ingress");
const backend = ing?.spec.rules?.[0]?.http?.paths?.[0]?.backend?.service;
check("Ingress routes to the Service", backend?.name === svc?.metadata.name
  && svc?.spec.ports.some((x) => x.name === backend?.port?.name || x.port === backend?.port?.number));
check("Ingress has TLS", (ing?.spec.tls ?? []).length > 0);
const ann = ing?.metadata.annotations ?? {};
check("Ingress keeps WebSockets open (read/send timeouts >= 3600 s)",
  Number(ann["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600 && Number(ann["nginx.ingress.kubernetes.io/proxy-send-timeout"]) >= 3600);

const cluster = clusters[0];
const appPolicy = rendered.find((o) => o.kind === "NetworkPolicy" && matches(o.spec.podSelector?.matchLabels, podLabels));
check("a NetworkPolicy selects the pods for ingress and egress", !!appPolicy
  && ["Ingress", "Egress"].every((t) => appPolicy.spec.policyTypes?.includes(t)));
if (appPolicy) {
  const ins = appPolicy.spec.ingress ?? [];
  check("NetworkPolicy ingress: only from a namespaceSelector, only to the app port", ins.length > 0 && ins.every((r) =>
    (r.from ?? []).length > 0 && r.from.every((f) => f.namespaceSelector && !f.ipBlock)
    && (r.ports ?? []).length > 0 && r.ports.every((x) => x.port === appPort || x.port === "http")));
  const outs = appPolicy.spec.egress ?? [];
  const allowedPorts = new Set([5432, 53, 587, 443]);
  check("NetworkPolicy egress: only PostgreSQL, DNS, SMTP and HTTPS", outs.length > 0 && outs.every((r) =>
    (r.ports ?? []).length > 0 && r.ports.every((x) => allowedPorts.has(x.port))));
  check("NetworkPolicy egress reaches the CloudNativePG pods on 5432", outs.some((r) =>
    r.ports.some((x) => x.port === 5432) && (r.to ?? []).some((t) => t.podSelector?.matchLabels?.["cnpg.io/cluster"] === cluster?.metadata.name)));
  check("NetworkPolicy egress to 443 excludes private ranges", outs.filter((r) => r.ports.some((x) => x.port === 443)).every((r) =>
    (r.to ?? []).length > 0 && r.to.every((t) => !t.ipBlock || (t.ipBlock.except ?? []).includes("10.0.0.0/8"))));
}
const dbPolicy = rendered.find((o) => o.kind === "NetworkPolicy" && o.spec.podSelector?.matchLabels?.["cnpg.io/cluster"] === cluster?.metadata.name);
check("a NetworkPolicy guards the database pods", !!dbPolicy && (dbPolicy.spec.ingress ?? []).some((r) =>
  (r.from ?? []).some((f) => matches(f.podSelector?.matchLabels, podLabels))));
const envOf = (n) => dep.spec.template.spec.containers[0].env.find((e) => e.name === n);
check("the database URL names the Cluster's read-write Service",
  (envOf("BREDVID_DB_URL")?.value ?? "").startsWith(`jdbc:postgresql://${cluster?.metadata.name}-rw:5432/${cluster?.spec.bootstrap.initdb.database}`));
check("the database password comes from the Secret the operator makes (<cluster>-app)",
  envOf("BREDVID_DB_PASSWORD")?.valueFrom?.secretKeyRef?.name === `${cluster?.metadata.name}-app`);
const ns = rendered.find((o) => o.kind === "Namespace");
check("the namespace enforces the restricted Pod Security Standard", ns?.metadata.labels?.["pod-security.kubernetes.io/enforce"] === "restricted");

// ---------------------------------------------------------------- 5. self-checks: broken copies are refused
const broken = clone(dep); broken.spec.replicas = "two";
check("self-check: a schema error is refused", (await schemaErrors(broken)) !== null);
const broken2 = clone(dep); broken2.spec.template.spec.containers[0].ports[0].containerPort = "http";
check("self-check: a nested schema error is refused", (await schemaErrors(broken2)) !== null);
const noProbe = clone(dep); delete noProbe.spec.template.spec.containers[0].readinessProbe;
check("self-check: a missing readiness probe is refused", deploymentProblems(noProbe).length > 0);
const literal = clone(dep); literal.spec.template.spec.containers[0].env.push({ name: "BREDVID_FIELD_KEY", value: "x" });
check("self-check: a literal key is refused", deploymentProblems(literal).length > 0);
const writable = clone(dep); writable.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
check("self-check: a writable root filesystem is refused", deploymentProblems(writable).length > 0);
const misspelt = clone(dep); misspelt.spec.template.spec.containers[0].readinesProbe = {};
check("self-check: a misspelt core field is refused", unknownFields(misspelt, modelFile(misspelt), "Deployment", []).length === 1);
const two = clone(cluster); two.spec.instances = 2;
check("self-check: a 2-instance Cluster is refused", cnpgClusterProblems(two).length > 0);
const typo = clone(cluster); typo.spec.instance = 3; delete typo.spec.instances;
check("self-check: a misspelt Cluster field is refused", cnpgClusterProblems(typo).length > 0);

console.log(`k8s-validate: ${rendered.length} objects from ${path.relative(here, overlay)}; `
  + `${rendered.filter((o) => CORE_GROUPS.has(o.apiVersion)).length} against the Kubernetes schemas (kubernetes-models 5.1.0) and with no unknown field, `
  + `${rendered.filter((o) => o.apiVersion === CNPG).length} CloudNativePG objects structurally; `
  + (kubectlCompared ? "kubectl kustomize rendered the same objects" : "kubectl not found: rendered by validate.mjs only"));
console.log(`k8s: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

import { selectorMatches } from '../../model/selector';
import { IntentCheck, eachRule, ruleName } from './check';
import { destinationClasses } from './selected';

/** A Service's port where policies need the pods' (target) port. */
export const SERVICE_PORT: IntentCheck = {
  id: 'service-port-not-target-port',
  severity: 'warning',
  summary: "a Service's port used where the pods' targetPort is needed",
  why: "policies see connections after the Service forwards them, on the pods' own port: a rule on the Service's port matches nothing of that Service's traffic",
  fix: "write the Service's targetPort (the container's port number or name) in the rule",
  run: ({ analysis, facts, ...context }) => {
    if (!analysis || facts.services.length === 0) return [];
    return eachRule({ analysis, facts, ...context }).flatMap(({ policy, rule }) => {
      const numbered = rule.ports.filter((port) => typeof port.port === 'number' && port.endPort === undefined);
      if (numbered.length === 0) return [];
      const messages = new Set<string>();
      for (const podClass of destinationClasses(analysis, policy, rule)) {
        for (const workload of podClass.workloads) {
          for (const service of facts.services) {
            if (service.namespace !== workload.namespace || !selectorMatches({ matchLabels: service.selector }, workload.labels)) continue;
            for (const port of numbered) {
              const used = service.ports.find((candidate) => candidate.port === port.port && candidate.protocol === port.protocol);
              if (!used || podClass.ports.some((own) => own.port === port.port && own.protocol === port.protocol)) continue;
              const target = typeof used.targetPort === 'number' ? used.targetPort : workload.ports.find((own) => own.name === used.targetPort)?.port;
              if (target === undefined || target === port.port) continue;
              messages.add(`${ruleName(policy, rule)}: ${port.protocol}/${port.port} is Service ${service.namespace}/${service.name}'s port; its pods (${workload.id}) listen on ${target}`);
            }
          }
        }
      }
      return [...messages].map((message) => ({ policy, message }));
    });
  },
};

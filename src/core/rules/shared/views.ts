/**
 * Reading the engine's views and context the same way in every rule: where a property's
 * finding is located, and the stack's or app's resources read defensively (custom rules and
 * tests build contexts by hand, so a missing list is treated as an empty one).
 */
import { EngineName, ResourceView, RuleContext } from '../model';

/** A finding's location for a property path: CloudFormation nests properties under `Properties/`, Terraform attributes stand alone. */
export function propertyLocation(engine: EngineName, path: string): string {
  return engine === 'cloudformation' ? `Properties/${path}` : path;
}

/** The app's resources of a type; empty when the context cannot list them. */
export function resourcesOfType(context: RuleContext, type: string): readonly ResourceView[] {
  const found = typeof context.resourcesOfType === 'function' ? context.resourcesOfType(type) : [];
  return Array.isArray(found) ? found : [];
}

/** The resources of the stack being evaluated; empty when the context has none. */
export function stackResources(context: RuleContext): readonly ResourceView[] {
  return Array.isArray(context.stack?.resources) ? context.stack.resources : [];
}

/**
 * How a person appears in output. The corpus's display names are real names, employers,
 * roles and cities; by default a reader sees only what the person does and where
 * ("支付产品 · 某某支付"), which is what makes an answer worth trusting, and no name.
 */
import type { SpeakerProfile } from '../model.js';

export const ATTRIBUTION_MODES = ['role', 'name', 'none'] as const;
export type AttributionMode = (typeof ATTRIBUTION_MODES)[number];

/** Shown when a mode leaves nothing to say about a person. */
export const ANONYMOUS = '群友';

/**
 * `role`: "role · org" (either alone when the other is unknown); `name`: the display
 * name as written; `none`: nobody is told apart.
 */
export function speakerLabel(profile: SpeakerProfile | null, display: string, mode: AttributionMode): string {
  if (mode === 'none') return ANONYMOUS;
  if (mode === 'name') return display.trim() || ANONYMOUS;
  const parts = [profile?.role, profile?.org].filter((p): p is string => p != null && p.trim() !== '');
  return parts.length ? parts.join(' · ') : ANONYMOUS;
}

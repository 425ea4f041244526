/** The parity run's length and acceptance gaps, free of tfjs so the page can show them (backendParity.ts runs it). */

/** The acceptance gaps: losses to 1e-3 and gradient norms to 1e-2 of the cpu backend's, relative. */
export const PARITY_TOLERANCE = { loss: 1e-3, gradNorm: 1e-2 } as const;
export const PARITY_STEPS = 12;
/** Below the norms this run's gradients reach (about 0.5–2), so clipping engages on most steps. */
export const PARITY_CLIP_NORM = 0.3;

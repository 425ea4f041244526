/**
 * What the spectrum of Linformer's attention can and cannot show. Its P̄ = softmax(Q (E K)ᵀ/√d) is n × k: it has at
 * most k singular values, so the share of its spectrum in the top k is 1 by construction, whatever the model has
 * learned. The paper's Claim 1 is about standard attention's n × n P; a Linformer figure cannot confirm it.
 */
export function LinformerSpectrumNote({ k, onAnalyseStandard }: { k: number; onAnalyseStandard?: () => void }) {
  return (
    <p className="notice spectra-linformer-note" role="note" data-testid="spectra-linformer-note">
      Linformer&apos;s attention P̄ is n × {k}: it has at most {k} singular values, so its top-{k} share is 1 by
      construction. It shows how the mass spreads over those {k} values, but it cannot test Claim 1, which is about the
      n × n attention of a standard Transformer.{' '}
      {onAnalyseStandard && (
        <button type="button" onClick={onAnalyseStandard}>
          Analyse standard attention instead
        </button>
      )}
    </p>
  );
}

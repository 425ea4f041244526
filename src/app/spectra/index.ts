/** The attention-spectra section of the page (the paper's Figure 1, live). */
export { SpectraLab } from './SpectraLab';

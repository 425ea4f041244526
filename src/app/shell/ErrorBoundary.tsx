import { Component, type ReactNode } from 'react';
import { describeError } from '../shared/format/describeError';

interface State {
  error: unknown;
}

/** Catches render errors so a bug in one figure shows a message instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; label?: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  render() {
    if (this.state.error) {
      return (
        <div role="alert" className="error-panel">
          <strong>{this.props.label ?? 'Linformer Lab'} stopped with an error.</strong>
          <p>{describeError(this.state.error)}</p>
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

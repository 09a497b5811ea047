import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/** The client's DataStream status, event counters and circuit breaker, refreshed every two seconds. */
export class QwcSchematicStatus extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        table { border-collapse: collapse; margin: 0.5em; }
        td, th { padding: 0.2em 1em; text-align: left; }
        h3 { margin: 0.5em; }
    `;

    static properties = { _status: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getStatus().then(r => { this._status = r.result; });
    }

    _table(title, values) {
        return html`<h3>${title}</h3><table>
            ${Object.entries(values).map(([k, v]) => html`<tr><th>${k}</th><td>${v ?? '—'}</td></tr>`)}
        </table>`;
    }

    render() {
        if (!this._status) {
            return html`<span>Loading…</span>`;
        }
        return html`
            <h3>Ready: ${String(this._status.ready)} · checks recorded: ${this._status.checksRecorded}</h3>
            ${this._table('DataStream', this._status.dataStream)}
            ${this._table('Events', this._status.events)}
            ${this._table('Circuit breaker (API checks)', this._status.circuitBreaker)}`;
    }
}
customElements.define('qwc-schematic-status', QwcSchematicStatus);

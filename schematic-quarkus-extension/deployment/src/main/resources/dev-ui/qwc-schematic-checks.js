import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { checkLogCapacity } from 'build-time-data';
import '@vaadin/grid';
import '@vaadin/button';

/** The application's last flag checks (newest first, at most checkLogCapacity), with source and reason. */
export class QwcSchematicChecks extends LitElement {
    jsonRpc = new JsonRpc(this);

    static properties = { _checks: { state: true } };

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
        this.jsonRpc.getLastChecks().then(r => {
            this._checks = r.result.map(c => ({
                ...c,
                value: String(c.value),
                who: [JSON.stringify(c.company), JSON.stringify(c.user)].filter(s => s !== '{}').join(' '),
            }));
        });
    }

    render() {
        return html`
            <div style="padding: 0.5em">The last ${checkLogCapacity} checks, newest first.
                <vaadin-button @click=${() => this.jsonRpc.clearChecks().then(() => this._refresh())}>Clear</vaadin-button>
            </div>
            <vaadin-grid .items=${this._checks ?? []} theme="row-stripes">
                <vaadin-grid-column header="At" path="at" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Flag" path="flag" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Value" path="value" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Source" path="source" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Company / user" path="who" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Reason" path="reason"></vaadin-grid-column>
                <vaadin-grid-column header="Error" path="error"></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-schematic-checks', QwcSchematicChecks);

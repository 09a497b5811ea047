import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/checkbox';
import '@vaadin/text-field';
import '@vaadin/button';

/**
 * The Dev Services fake's flags. Ticking a box sets the flag on the fake (its default, or its value for the company
 * id typed above the grid); "Check" asks the application's own client, so the new answer shows at once (or after
 * schematic.cache.ttl when the check cache is on).
 */
export class QwcSchematicFlags extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        .bar { display: flex; gap: 1em; align-items: baseline; padding: 0.5em; }
        .answer { padding: 0.5em; font-family: monospace; }
    `;

    static properties = {
        _fake: { state: true },
        _companyId: { state: true },
        _answer: { state: true },
        _error: { state: true },
    };

    constructor() {
        super();
        this._companyId = '';
    }

    connectedCallback() {
        super.connectedCallback();
        this._load();
    }

    _load() {
        this.jsonRpc.getFakeFlags().then(r => { this._fake = r.result; });
    }

    _set(flag, value) {
        this.jsonRpc.setFakeFlag({ flag: flag, value: String(value), companyId: this._companyId })
            .then(r => {
                this._error = r.result?.error ?? null;
                this._load();
                this._check(flag);
            })
            .catch(e => { this._error = String(e?.error?.message ?? e); });
    }

    _check(flag) {
        this.jsonRpc.checkFlag({ flag: flag, companyId: this._companyId, userEmail: '' })
            .then(r => { this._answer = r.result; });
    }

    render() {
        if (!this._fake) {
            return html`<span>Loading…</span>`;
        }
        if (!this._fake.running) {
            return html`<p>Dev Services for Schematic are not running (schematic.api-key is set, or they are off).</p>`;
        }
        return html`
            <div class="bar">
                <span>Fake Schematic on ${this._fake.baseUrl}</span>
                <vaadin-text-field label="Company id (blank: the flag's default)" .value=${this._companyId}
                    @value-changed=${e => { this._companyId = e.detail.value; }}></vaadin-text-field>
            </div>
            ${this._error ? html`<div class="answer">${this._error}</div>` : ''}
            <vaadin-grid .items=${this._fake.flags} theme="row-stripes" all-rows-visible>
                <vaadin-grid-column header="Flag" path="key"></vaadin-grid-column>
                <vaadin-grid-column header="On"
                    .renderer=${(root, col, model) => this._switch(root, model.item)}></vaadin-grid-column>
                <vaadin-grid-column header="Definition" path="description"></vaadin-grid-column>
                <vaadin-grid-column header="" .renderer=${(root, col, model) => this._checkButton(root, model.item)}>
                </vaadin-grid-column>
            </vaadin-grid>
            ${this._answer ? html`<div class="answer">
                ${this._answer.flag} → ${String(this._answer.value)} (${this._answer.source}: ${this._answer.reason})
            </div>` : ''}`;
    }

    _switch(root, item) {
        root.innerHTML = '';
        const box = document.createElement('vaadin-checkbox');
        box.checked = item.defaultValue;
        box.addEventListener('change', e => this._set(item.key, e.target.checked));
        root.appendChild(box);
    }

    _checkButton(root, item) {
        root.innerHTML = '';
        const button = document.createElement('vaadin-button');
        button.textContent = 'Check';
        button.addEventListener('click', () => this._check(item.key));
        root.appendChild(button);
    }
}
customElements.define('qwc-schematic-flags', QwcSchematicFlags);

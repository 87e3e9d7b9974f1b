"use strict";(()=>{var fe=globalThis,ge=fe.ShadowRoot&&(fe.ShadyCSS===void 0||fe.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,Ne=Symbol(),tt=new WeakMap,ae=class{constructor(t,e,s){if(this._$cssResult$=!0,s!==Ne)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(ge&&t===void 0){let s=e!==void 0&&e.length===1;s&&(t=tt.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),s&&tt.set(e,t))}return t}toString(){return this.cssText}},st=a=>new ae(typeof a=="string"?a:a+"",void 0,Ne),f=(a,...t)=>{let e=a.length===1?a[0]:t.reduce((s,i,r)=>s+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+a[r+1],a[0]);return new ae(e,a,Ne)},it=(a,t)=>{if(ge)a.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let s=document.createElement("style"),i=fe.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=e.cssText,a.appendChild(s)}},De=ge?a=>a:a=>a instanceof CSSStyleSheet?(t=>{let e="";for(let s of t.cssRules)e+=s.cssText;return st(e)})(a):a;var{is,defineProperty:rs,getOwnPropertyDescriptor:as,getOwnPropertyNames:os,getOwnPropertySymbols:ns,getPrototypeOf:ls}=Object,be=globalThis,rt=be.trustedTypes,cs=rt?rt.emptyScript:"",ds=be.reactiveElementPolyfillSupport,oe=(a,t)=>a,Oe={toAttribute(a,t){switch(t){case Boolean:a=a?cs:null;break;case Object:case Array:a=a==null?a:JSON.stringify(a)}return a},fromAttribute(a,t){let e=a;switch(t){case Boolean:e=a!==null;break;case Number:e=a===null?null:Number(a);break;case Object:case Array:try{e=JSON.parse(a)}catch{e=null}}return e}},ot=(a,t)=>!is(a,t),at={attribute:!0,type:String,converter:Oe,reflect:!1,useDefault:!1,hasChanged:ot};Symbol.metadata??=Symbol("metadata"),be.litPropertyMetadata??=new WeakMap;var A=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=at){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let s=Symbol(),i=this.getPropertyDescriptor(t,s,e);i!==void 0&&rs(this.prototype,t,i)}}static getPropertyDescriptor(t,e,s){let{get:i,set:r}=as(this.prototype,t)??{get(){return this[e]},set(o){this[e]=o}};return{get:i,set(o){let d=i?.call(this);r?.call(this,o),this.requestUpdate(t,d,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??at}static _$Ei(){if(this.hasOwnProperty(oe("elementProperties")))return;let t=ls(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(oe("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(oe("properties"))){let e=this.properties,s=[...os(e),...ns(e)];for(let i of s)this.createProperty(i,e[i])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[s,i]of e)this.elementProperties.set(s,i)}this._$Eh=new Map;for(let[e,s]of this.elementProperties){let i=this._$Eu(e,s);i!==void 0&&this._$Eh.set(i,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let s=new Set(t.flat(1/0).reverse());for(let i of s)e.unshift(De(i))}else t!==void 0&&e.push(De(t));return e}static _$Eu(t,e){let s=e.attribute;return s===!1?void 0:typeof s=="string"?s:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return it(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){let s=this.constructor.elementProperties.get(t),i=this.constructor._$Eu(t,s);if(i!==void 0&&s.reflect===!0){let r=(s.converter?.toAttribute!==void 0?s.converter:Oe).toAttribute(e,s.type);this._$Em=t,r==null?this.removeAttribute(i):this.setAttribute(i,r),this._$Em=null}}_$AK(t,e){let s=this.constructor,i=s._$Eh.get(t);if(i!==void 0&&this._$Em!==i){let r=s.getPropertyOptions(i),o=typeof r.converter=="function"?{fromAttribute:r.converter}:r.converter?.fromAttribute!==void 0?r.converter:Oe;this._$Em=i;let d=o.fromAttribute(e,r.type);this[i]=d??this._$Ej?.get(i)??d,this._$Em=null}}requestUpdate(t,e,s,i=!1,r){if(t!==void 0){let o=this.constructor;if(i===!1&&(r=this[t]),s??=o.getPropertyOptions(t),!((s.hasChanged??ot)(r,e)||s.useDefault&&s.reflect&&r===this._$Ej?.get(t)&&!this.hasAttribute(o._$Eu(t,s))))return;this.C(t,e,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:i,wrapped:r},o){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,o??e??this[t]),r!==!0||o!==void 0)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),i===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,r]of this._$Ep)this[i]=r;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[i,r]of s){let{wrapped:o}=r,d=this[i];o!==!0||this._$AL.has(i)||d===void 0||this.C(i,void 0,r,d)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(e)):this._$EM()}catch(s){throw t=!1,this._$EM(),s}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};A.elementStyles=[],A.shadowRootOptions={mode:"open"},A[oe("elementProperties")]=new Map,A[oe("finalized")]=new Map,ds?.({ReactiveElement:A}),(be.reactiveElementVersions??=[]).push("2.1.2");var qe=globalThis,nt=a=>a,ve=qe.trustedTypes,lt=ve?ve.createPolicy("lit-html",{createHTML:a=>a}):void 0,Be="$lit$",T=`lit$${Math.random().toFixed(9).slice(2)}$`,Ue="?"+T,ps=`<${Ue}>`,N=document,le=()=>N.createComment(""),ce=a=>a===null||typeof a!="object"&&typeof a!="function",Fe=Array.isArray,mt=a=>Fe(a)||typeof a?.[Symbol.iterator]=="function",He=`[ 	
\f\r]`,ne=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,ct=/-->/g,dt=/>/g,L=RegExp(`>|${He}(?:([^\\s"'>=/]+)(${He}*=${He}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),pt=/'/g,ht=/"/g,ft=/^(?:script|style|textarea|title)$/i,ze=a=>(t,...e)=>({_$litType$:a,strings:t,values:e}),n=ze(1),Hs=ze(2),qs=ze(3),C=Symbol.for("lit-noChange"),l=Symbol.for("lit-nothing"),ut=new WeakMap,M=N.createTreeWalker(N,129);function gt(a,t){if(!Fe(a)||!a.hasOwnProperty("raw"))throw Error("invalid template strings array");return lt!==void 0?lt.createHTML(t):t}var bt=(a,t)=>{let e=a.length-1,s=[],i,r=t===2?"<svg>":t===3?"<math>":"",o=ne;for(let d=0;d<e;d++){let c=a[d],p,u,h=-1,b=0;for(;b<c.length&&(o.lastIndex=b,u=o.exec(c),u!==null);)b=o.lastIndex,o===ne?u[1]==="!--"?o=ct:u[1]!==void 0?o=dt:u[2]!==void 0?(ft.test(u[2])&&(i=RegExp("</"+u[2],"g")),o=L):u[3]!==void 0&&(o=L):o===L?u[0]===">"?(o=i??ne,h=-1):u[1]===void 0?h=-2:(h=o.lastIndex-u[2].length,p=u[1],o=u[3]===void 0?L:u[3]==='"'?ht:pt):o===ht||o===pt?o=L:o===ct||o===dt?o=ne:(o=L,i=void 0);let $=o===L&&a[d+1].startsWith("/>")?" ":"";r+=o===ne?c+ps:h>=0?(s.push(p),c.slice(0,h)+Be+c.slice(h)+T+$):c+T+(h===-2?d:$)}return[gt(a,r+(a[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]},de=class a{constructor({strings:t,_$litType$:e},s){let i;this.parts=[];let r=0,o=0,d=t.length-1,c=this.parts,[p,u]=bt(t,e);if(this.el=a.createElement(p,s),M.currentNode=this.el.content,e===2||e===3){let h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(i=M.nextNode())!==null&&c.length<d;){if(i.nodeType===1){if(i.hasAttributes())for(let h of i.getAttributeNames())if(h.endsWith(Be)){let b=u[o++],$=i.getAttribute(h).split(T),k=/([.?@])?(.*)/.exec(b);c.push({type:1,index:r,name:k[2],strings:$,ctor:k[1]==="."?$e:k[1]==="?"?we:k[1]==="@"?xe:O}),i.removeAttribute(h)}else h.startsWith(T)&&(c.push({type:6,index:r}),i.removeAttribute(h));if(ft.test(i.tagName)){let h=i.textContent.split(T),b=h.length-1;if(b>0){i.textContent=ve?ve.emptyScript:"";for(let $=0;$<b;$++)i.append(h[$],le()),M.nextNode(),c.push({type:2,index:++r});i.append(h[b],le())}}}else if(i.nodeType===8)if(i.data===Ue)c.push({type:2,index:r});else{let h=-1;for(;(h=i.data.indexOf(T,h+1))!==-1;)c.push({type:7,index:r}),h+=T.length-1}r++}}static createElement(t,e){let s=N.createElement("template");return s.innerHTML=t,s}};function D(a,t,e=a,s){if(t===C)return t;let i=s!==void 0?e._$Co?.[s]:e._$Cl,r=ce(t)?void 0:t._$litDirective$;return i?.constructor!==r&&(i?._$AO?.(!1),r===void 0?i=void 0:(i=new r(a),i._$AT(a,e,s)),s!==void 0?(e._$Co??=[])[s]=i:e._$Cl=i),i!==void 0&&(t=D(a,i._$AS(a,t.values),i,s)),t}var ye=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:s}=this._$AD,i=(t?.creationScope??N).importNode(e,!0);M.currentNode=i;let r=M.nextNode(),o=0,d=0,c=s[0];for(;c!==void 0;){if(o===c.index){let p;c.type===2?p=new Q(r,r.nextSibling,this,t):c.type===1?p=new c.ctor(r,c.name,c.strings,this,t):c.type===6&&(p=new ke(r,this,t)),this._$AV.push(p),c=s[++d]}o!==c?.index&&(r=M.nextNode(),o++)}return M.currentNode=N,i}p(t){let e=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}},Q=class a{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,i){this.type=2,this._$AH=l,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=D(this,t,e),ce(t)?t===l||t==null||t===""?(this._$AH!==l&&this._$AR(),this._$AH=l):t!==this._$AH&&t!==C&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):mt(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==l&&ce(this._$AH)?this._$AA.nextSibling.data=t:this.T(N.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:s}=t,i=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=de.createElement(gt(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(e);else{let r=new ye(i,this),o=r.u(this.options);r.p(e),this.T(o),this._$AH=r}}_$AC(t){let e=ut.get(t.strings);return e===void 0&&ut.set(t.strings,e=new de(t)),e}k(t){Fe(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,s,i=0;for(let r of t)i===e.length?e.push(s=new a(this.O(le()),this.O(le()),this,this.options)):s=e[i],s._$AI(r),i++;i<e.length&&(this._$AR(s&&s._$AB.nextSibling,i),e.length=i)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let s=nt(t).nextSibling;nt(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},O=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,i,r){this.type=1,this._$AH=l,this._$AN=void 0,this.element=t,this.name=e,this._$AM=i,this.options=r,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=l}_$AI(t,e=this,s,i){let r=this.strings,o=!1;if(r===void 0)t=D(this,t,e,0),o=!ce(t)||t!==this._$AH&&t!==C,o&&(this._$AH=t);else{let d=t,c,p;for(t=r[0],c=0;c<r.length-1;c++)p=D(this,d[s+c],e,c),p===C&&(p=this._$AH[c]),o||=!ce(p)||p!==this._$AH[c],p===l?t=l:t!==l&&(t+=(p??"")+r[c+1]),this._$AH[c]=p}o&&!i&&this.j(t)}j(t){t===l?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},$e=class extends O{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===l?void 0:t}},we=class extends O{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==l)}},xe=class extends O{constructor(t,e,s,i,r){super(t,e,s,i,r),this.type=5}_$AI(t,e=this){if((t=D(this,t,e,0)??l)===C)return;let s=this._$AH,i=t===l&&s!==l||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,r=t!==l&&(s===l||i);i&&this.element.removeEventListener(this.name,this,s),r&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},ke=class{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){D(this,t)}},vt={M:Be,P:T,A:Ue,C:1,L:bt,R:ye,D:mt,V:D,I:Q,H:O,N:we,U:xe,B:$e,F:ke},hs=qe.litHtmlPolyfillSupport;hs?.(de,Q),(qe.litHtmlVersions??=[]).push("3.3.3");var yt=(a,t,e)=>{let s=e?.renderBefore??t,i=s._$litPart$;if(i===void 0){let r=e?.renderBefore??null;s._$litPart$=i=new Q(t.insertBefore(le(),r),r,void 0,e??{})}return i._$AI(a),i};var Ke=globalThis,m=class extends A{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=yt(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return C}};m._$litElement$=!0,m.finalized=!0,Ke.litElementHydrateSupport?.({LitElement:m});var us=Ke.litElementPolyfillSupport;us?.({LitElement:m});(Ke.litElementVersions??=[]).push("4.2.2");var $t=f`
  :host {
    --vel-font: var(--vel-font-family, 'CiscoSansTT Regular', 'Helvetica Neue', Helvetica, Arial, sans-serif);
    --vel-bg: var(--md-primary-bg-color, #ffffff);
    --vel-surface: var(--md-secondary-bg-color, #f7f7f7);
    --vel-surface-2: var(--md-tertiary-bg-color, #ededed);
    --vel-text: var(--md-primary-text-color, rgba(0, 0, 0, 0.95));
    --vel-text-2: var(--md-secondary-text-color, rgba(0, 0, 0, 0.72));
    --vel-border: var(--md-primary-seperator-color, rgba(0, 0, 0, 0.2));
    --vel-border-strong: rgba(0, 0, 0, 0.55);
    --vel-accent: #0f6ac4;
    --vel-accent-text: #ffffff;
    --vel-primary: rgba(0, 0, 0, 0.95);
    --vel-primary-text: #ffffff;
    --vel-primary-hover: #333333;
    --vel-hover: rgba(0, 0, 0, 0.07);
    --vel-focus: #0f6ac4;
    --vel-error: #c11d2b;
    --vel-error-bg: #fdecee;
    --vel-warn: #8a5206;
    --vel-warn-bg: var(--md-alert-warning-bg-color, #fff3dc);
    --vel-ok: #16694e;
    --vel-ok-bg: #e3f5ec;
    --vel-info-bg: #e8f2fd;
    --vel-radius: 8px;
    color-scheme: light;
    font-family: var(--vel-font);
    font-size: 14px;
    line-height: 1.4;
    color: var(--vel-text);
  }
  :host([dark='true']),
  :host([dark='']) {
    --vel-bg: var(--md-primary-bg-color, #121212);
    --vel-surface: var(--md-secondary-bg-color, #1f1f1f);
    --vel-surface-2: var(--md-tertiary-bg-color, #2b2b2b);
    --vel-text: var(--md-primary-text-color, rgba(255, 255, 255, 0.95));
    --vel-text-2: var(--md-secondary-text-color, rgba(255, 255, 255, 0.72));
    --vel-border: var(--md-primary-seperator-color, rgba(255, 255, 255, 0.22));
    --vel-border-strong: rgba(255, 255, 255, 0.55);
    --vel-accent: #64b4fa;
    --vel-accent-text: #000000;
    --vel-primary: rgba(255, 255, 255, 0.95);
    --vel-primary-text: #000000;
    --vel-primary-hover: #d6d6d6;
    --vel-hover: rgba(255, 255, 255, 0.08);
    --vel-focus: #64b4fa;
    --vel-error: #fc8b98;
    --vel-error-bg: #3d1418;
    --vel-warn: #f7c173;
    --vel-warn-bg: var(--md-alert-warning-bg-color, #3a2a0c);
    --vel-ok: #6fd7ae;
    --vel-ok-bg: #10301f;
    --vel-info-bg: #10263d;
    color-scheme: dark;
  }
`,v=f`
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    min-height: 32px;
    padding: 0 14px;
    border-radius: 16px;
    border: 1px solid var(--vel-border-strong);
    background: transparent;
    font-weight: 600;
    white-space: nowrap;
  }
  button:hover:not(:disabled) {
    background: var(--vel-hover);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button.primary {
    background: var(--vel-primary);
    border-color: var(--vel-primary);
    color: var(--vel-primary-text);
  }
  button.primary:hover:not(:disabled) {
    background: var(--vel-primary-hover);
  }
  button.danger {
    color: var(--vel-error);
    border-color: var(--vel-error);
  }
  button.small {
    min-height: 28px;
    padding: 0 10px;
    font-size: 13px;
  }
  button.chip[aria-pressed='true'] {
    background: var(--vel-accent);
    border-color: var(--vel-accent);
    color: var(--vel-accent-text);
  }
  :focus-visible {
    outline: 2px solid var(--vel-focus);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    min-height: 32px;
    width: 100%;
    padding: 4px 10px;
    border: 1px solid var(--vel-border-strong);
    border-radius: var(--vel-radius);
    background: var(--vel-bg);
  }
  input[type='radio'] {
    width: auto;
    min-height: 0;
    accent-color: var(--vel-accent);
  }
  textarea {
    resize: vertical;
    min-height: 56px;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--vel-error);
  }
  label,
  .label {
    display: block;
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  .hint {
    color: var(--vel-text-2);
    font-size: 12px;
  }
  .field-error {
    color: var(--vel-error);
    font-size: 12px;
    margin-top: 4px;
  }
  .msg {
    padding: 8px 12px;
    border-radius: var(--vel-radius);
    background: var(--vel-info-bg);
    margin: 8px 0;
  }
  .msg.error {
    background: var(--vel-error-bg);
    color: var(--vel-error);
  }
  .msg.warn {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
  .msg.ok {
    background: var(--vel-ok-bg);
    color: var(--vel-ok);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;var R=class extends Error{constructor(e){super(e.detail||e.title||e.code||"HTTP "+e.status);this.problem=e}get status(){return this.problem.status}get code(){return this.problem.code}};var Ee="vel-session-ended",Se=class{constructor(t=""){this.csrf="";this.root=t+"/api/v1"}async req(t,e,s={}){let i={Accept:"application/json",...s.headers};t!=="GET"&&t!=="HEAD"&&this.csrf&&(i["X-CSRF-Token"]=this.csrf);let r;s.raw?(i["Content-Type"]=s.raw.type,r=s.raw.body):s.body!==void 0&&(i["Content-Type"]="application/json",r=JSON.stringify(s.body));let o;try{o=await fetch(this.root+e,{method:t,headers:i,body:r,credentials:"same-origin"})}catch{throw new R({status:0,code:"network",detail:"Cannot reach the Velocity server."})}let d=await o.text(),c;if(d)try{c=JSON.parse(d)}catch{c=void 0}if(!o.ok){let p=c&&typeof c=="object"?c:{},u=new R({...p,status:o.status,code:p.code||"http_"+o.status,detail:p.detail||p.title||o.statusText});return o.status===401&&!s.own401&&window.dispatchEvent(new CustomEvent(Ee,{detail:{message:u.message}})),Promise.reject(u)}return c}session(){return this.req("GET","/session",{own401:!0})}signIn(t,e,s){return this.req("POST","/session",{body:{tenant:t,username:e,password:s},own401:!0})}signOut(){return this.req("DELETE","/session",{own401:!0})}search(t){return this.req("GET","/callbacks/search?"+t)}exportURL(t){return this.root+"/callbacks/export.csv"+(t.toString()?"?"+t:"")}callback(t){return this.req("GET","/callbacks/"+encodeURIComponent(t))}history(t){return this.req("GET","/callbacks/"+encodeURIComponent(t)+"/history")}bulk(t){return this.req("POST","/callbacks/bulk",{body:t})}eventToken(t="",e=""){return this.req("POST","/events/token",{body:{agentId:t,teamId:e}})}policy(){return this.req("GET","/policy")}setPolicy(t){return this.req("PATCH","/policy",{body:t})}doNotCall(t,e){let s=new URLSearchParams({limit:String(e)});return t&&s.set("after",t),this.req("GET","/do-not-call?"+s)}addDoNotCall(t,e){return this.req("POST","/do-not-call",{body:{phoneNumber:t,reason:e}})}importDoNotCall(t){return this.req("POST","/do-not-call/import",{raw:{body:t,type:"text/csv"}})}removeDoNotCall(t){return this.req("DELETE","/do-not-call/"+encodeURIComponent(t))}lookup(t){return this.req("GET","/phone-numbers/lookup?"+new URLSearchParams({number:t}))}accounts(){return this.req("GET","/accounts")}createAccount(t,e,s){return this.req("POST","/accounts",{body:s?{username:t,role:e,password:s}:{username:t,role:e}})}updateAccount(t,e){return this.req("PATCH","/accounts/"+encodeURIComponent(t),{body:e})}resetPassword(t){return this.req("POST","/accounts/"+encodeURIComponent(t)+"/password")}apiKeys(){return this.req("GET","/api-keys")}createApiKey(t){return this.req("POST","/api-keys",{body:{name:t}})}revokeApiKey(t){return this.req("DELETE","/api-keys/"+encodeURIComponent(t))}tenant(){return this.req("GET","/tenant")}setIdentity(t,e){return this.req("PATCH","/tenant/identity",{body:{agentIdentity:t,webexOrgId:e}})}report(t,e){return this.req("GET","/reports/"+t+"?"+e)}reportCSV(t,e){let s=new URLSearchParams(e);return s.set("format","csv"),this.root+"/reports/"+t+"?"+s}audit(t){return this.req("GET","/audit?"+t)}};function g(a){if(a instanceof R){let t=a.problem.fields;return t&&t.length?a.message+" "+t.map(e=>e.field+": "+e.message).join("; "):a.message}return a instanceof Error?a.message:String(a)}function S(a){let t={};if(a instanceof R)for(let e of a.problem.fields||[])t[e.field]=e.message;return t}function Ve(){let a=location.hash.replace(/^#\/?/,""),[t,e]=a.split("?",2);return{page:t||"callbacks",query:new URLSearchParams(e||"")}}function ee(a,t){let e=t instanceof URLSearchParams?t.toString():new URLSearchParams(t||{}).toString();return"#/"+a+(e?"?"+e:"")}function Ae(a,t,e=!1){let s=ee(a,t);location.hash!==s&&(e?(history.replaceState(null,"",s),window.dispatchEvent(new HashChangeEvent("hashchange"))):location.hash=s)}var je="velocity-console-theme",We=typeof matchMedia=="function"?matchMedia("(prefers-color-scheme: dark)"):null;function wt(){try{let a=localStorage.getItem(je);if(a==="light"||a==="dark")return a}catch{}return"system"}function xt(a){try{a==="system"?localStorage.removeItem(je):localStorage.setItem(je,a)}catch{}}function Te(a){return a==="dark"||a==="system"&&!!We?.matches}function kt(a){return We?.addEventListener("change",a),()=>We?.removeEventListener("change",a)}var _="vel-theme";var St={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},Et=a=>(...t)=>({_$litDirective$:a,values:t}),Ce=class{constructor(t){}get _$AU(){return this._$AM._$AU}_$AT(t,e,s){this._$Ct=t,this._$AM=e,this._$Ci=s}_$AS(t,e){return this.update(t,e)}update(t,e){return this.render(...e)}};var{I:ms}=vt,At=a=>a;var Tt=()=>document.createComment(""),te=(a,t,e)=>{let s=a._$AA.parentNode,i=t===void 0?a._$AB:t._$AA;if(e===void 0){let r=s.insertBefore(Tt(),i),o=s.insertBefore(Tt(),i);e=new ms(r,o,a,a.options)}else{let r=e._$AB.nextSibling,o=e._$AM,d=o!==a;if(d){let c;e._$AQ?.(a),e._$AM=a,e._$AP!==void 0&&(c=a._$AU)!==o._$AU&&e._$AP(c)}if(r!==i||d){let c=e._$AA;for(;c!==r;){let p=At(c).nextSibling;At(s).insertBefore(c,i),c=p}}}return e},P=(a,t,e=a)=>(a._$AI(t,e),a),fs={},Ct=(a,t=fs)=>a._$AH=t,Rt=a=>a._$AH,Re=a=>{a._$AR(),a._$AA.remove()};var _t=(a,t,e)=>{let s=new Map;for(let i=t;i<=e;i++)s.set(a[i],i);return s},Pt=Et(class extends Ce{constructor(a){if(super(a),a.type!==St.CHILD)throw Error("repeat() can only be used in text expressions")}dt(a,t,e){let s;e===void 0?e=t:t!==void 0&&(s=t);let i=[],r=[],o=0;for(let d of a)i[o]=s?s(d,o):o,r[o]=e(d,o),o++;return{values:r,keys:i}}render(a,t,e){return this.dt(a,t,e).values}update(a,[t,e,s]){let i=Rt(a),{values:r,keys:o}=this.dt(t,e,s);if(!Array.isArray(i))return this.ut=o,r;let d=this.ut??=[],c=[],p,u,h=0,b=i.length-1,$=0,k=r.length-1;for(;h<=b&&$<=k;)if(i[h]===null)h++;else if(i[b]===null)b--;else if(d[h]===o[$])c[$]=P(i[h],r[$]),h++,$++;else if(d[b]===o[k])c[k]=P(i[b],r[k]),b--,k--;else if(d[h]===o[k])c[k]=P(i[h],r[k]),te(a,c[k+1],i[h]),h++,k--;else if(d[b]===o[$])c[$]=P(i[b],r[$]),te(a,i[h],i[b]),b--,$++;else if(p===void 0&&(p=_t(o,$,k),u=_t(d,h,b)),p.has(d[h]))if(p.has(d[b])){let E=u.get(o[$]),Me=E!==void 0?i[E]:null;if(Me===null){let et=te(a,i[h]);P(et,r[$]),c[$]=et}else c[$]=P(Me,r[$]),te(a,i[h],Me),i[E]=null;$++}else Re(i[b]),b--;else Re(i[h]),h++;for(;$<=k;){let E=te(a,c[k+1]);P(E,r[$]),c[$++]=E}for(;h<=b;){let E=i[h++];E!==null&&Re(E)}return this.ut=o,Ct(a,c),C}});var gs=["created","updated","claimed","released","attempted","completed","failed","cancelled","due","fallback"],_e=class{constructor(t,e,s,i){this.api=t;this.agentId=e;this.teamId=s;this.h=i;this.stopped=!1;this.failures=0}start(){this.stopped=!1,this.connect()}stop(){this.stopped=!0,clearTimeout(this.timer),this.es?.close(),this.es=void 0,this.h.state("stopped")}async connect(){if(this.stopped)return;this.h.state(this.failures?"retrying":"connecting");let t;try{t=(await this.api.eventToken(this.agentId,this.teamId)).token}catch(r){this.retry(r instanceof Error?r.message:String(r));return}if(this.stopped)return;let e=new EventSource(this.api.root+"/events?token="+encodeURIComponent(t));this.es=e;let s=!1;e.onopen=()=>{this.es===e&&(s=!0,this.failures=0,this.h.state("live"),this.h.resync())};let i=r=>{if(this.es===e)try{this.h.event(JSON.parse(r.data))}catch{}};for(let r of gs)e.addEventListener(r,i);e.onmessage=i,e.onerror=()=>{this.es===e&&(e.close(),this.es=void 0,this.retry(s?"The live connection dropped.":"The live connection could not be opened."))}}retry(t){if(this.stopped)return;this.failures++;let e=Math.min(3e4,500*2**Math.min(this.failures-1,6));this.h.state("retrying",t),clearTimeout(this.timer),this.timer=setTimeout(()=>{this.connect()},e)}};var bs=new Set(["sort","order","limit","cursor"]),vs=new Set(["q","team","agent","assigned","status","windowFrom","windowTo","overdue","dueNow","minAttempts","createdBy","tz"]);function pe(a,t){return a==="windowFrom"||a==="windowTo"?/^\d{4}-\d{2}-\d{2}$/.test(t):vs.has(a)}var Ge={windowFrom:"Window from",windowTo:"Window before",endFrom:"Window ends from",endTo:"Window ends before",createdFrom:"Created from",createdTo:"Created before",claimedBy:"Being dialed by",closedFrom:"Closed from",closedTo:"Closed before",closeReason:"Close reason",closedBy:"Closed by",firstDialFrom:"First dial from",firstDialTo:"First dial before",firstOutcome:"First outcome",firstInWindow:"First dial in window",firstDialBy:"First dialed by",fellBack:"Fell back to the team",fellBackFrom:"Fell back from",fellBackTo:"Fell back before",fellBackAgent:"Fell back from agent"};function se(a){let t=new URLSearchParams;for(let[e,s]of a)!bs.has(e)&&s!==""&&t.append(e,s);return t}function It(a,t,e){let s=se(a);for(let i of["sort","order"]){let r=a.get(i);r&&s.set(i,r)}return s.set("limit",String(e)),t&&s.set("cursor",t),s}function Lt(a){let t={};for(let[e,s]of se(a)){let i=t[e];t[e]=i===void 0?s:Array.isArray(i)?[...i,s]:[i,s]}return t}function Mt(a){for(let t of se(a).keys())if(t!=="tz")return!0;return!1}function he(a){return a.split(",").map(t=>t.trim()).filter(Boolean)}var ys=new Intl.DateTimeFormat(void 0,{month:"short",day:"numeric",hour:"2-digit",minute:"2-digit"}),$s=new Intl.DateTimeFormat(void 0,{year:"numeric",month:"short",day:"numeric",hour:"2-digit",minute:"2-digit"}),ws=new Intl.DateTimeFormat(void 0,{year:"numeric",month:"short",day:"numeric"});function w(a){if(!a)return"";let t=new Date(a);return isNaN(t.getTime())?a:(t.getFullYear()===new Date().getFullYear()?ys:$s).format(t)}function ie(a){let t=/^\d{4}-\d{2}-\d{2}$/.test(a)?new Date(a+"T12:00:00"):new Date(a);return isNaN(t.getTime())?a:ws.format(t)}function H(a){if(a==null||!isFinite(a))return"–";let t=a<0,e=Math.round(Math.abs(a)),s;if(e<60)s=e+" s";else if(e<3600)s=Math.round(e/60)+" min";else if(e<86400){let i=Math.floor(e/3600),r=Math.round(e%3600/60);s=i+" h"+(r?" "+r+" min":"")}else e=Math.round(e/3600),s=Math.floor(e/24)+" d"+(e%24?" "+e%24+" h":"");return t?"−"+s:s}var xs=new Intl.NumberFormat;function Pe(a){return a==null?"–":xs.format(a)}function re(a){return a==null||!isFinite(a)?"–":(Math.round(a*1e3)/10).toString()+"%"}function Je(a){let t=e=>String(e).padStart(2,"0");return a.getFullYear()+"-"+t(a.getMonth()+1)+"-"+t(a.getDate())}function Ie(){try{return Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC"}catch{return"UTC"}}var ue={scheduled:"Scheduled",claimed:"Being dialed",completed:"Completed",failed:"Failed",cancelled:"Cancelled"},Nt={connected:"Connected",declined:"Declined",reached_inbound:"Reached on an inbound call",max_attempts:"Attempts ran out",invalid_number:"Invalid number",customer:"Cancelled for the customer",do_not_call:"Do-not-call list",supervisor:"Cancelled by a supervisor"};var x=f`
  :host {
    display: block;
  }
  h1 {
    font-size: 22px;
    margin: 0 0 4px;
  }
  h2 {
    font-size: 16px;
    margin: 0 0 8px;
  }
  h3 {
    font-size: 14px;
    margin: 0 0 6px;
  }
  p {
    margin: 0 0 8px;
  }
  a {
    color: var(--vel-accent);
  }
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 32px;
    padding: 0 14px;
    border-radius: 16px;
    border: 1px solid var(--vel-border-strong);
    color: var(--vel-text);
    font-weight: 600;
    text-decoration: none;
    white-space: nowrap;
  }
  a.button:hover {
    background: var(--vel-hover);
  }
  .lead {
    color: var(--vel-text-2);
    margin-bottom: 16px;
  }
  .card {
    background: var(--vel-bg);
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    padding: 16px;
    margin-bottom: 16px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 8px 12px;
  }
  .toolbar .grow {
    flex: 1;
  }
  .field {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .field.inline {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }
  .field.inline label {
    margin: 0;
  }
  input[type='checkbox'] {
    width: auto;
    min-height: 0;
    accent-color: var(--vel-accent);
  }
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    background: var(--vel-bg);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 13px;
  }
  th,
  td {
    text-align: left;
    padding: 6px 10px;
    border-bottom: 1px solid var(--vel-border);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    background: var(--vel-surface);
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tbody tr:last-child td {
    border-bottom: 0;
  }
  tbody tr.clickable {
    cursor: pointer;
  }
  tbody tr.clickable:hover {
    background: var(--vel-hover);
  }
  tbody tr:focus-visible {
    outline: 2px solid var(--vel-focus);
    outline-offset: -2px;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dl.facts dt {
    color: var(--vel-text-2);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 600;
    background: var(--vel-surface-2);
    white-space: nowrap;
  }
  .badge.scheduled {
    background: var(--vel-info-bg);
  }
  .badge.claimed,
  .badge.overdue {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
  .badge.completed {
    background: var(--vel-ok-bg);
    color: var(--vel-ok);
  }
  .badge.failed {
    background: var(--vel-error-bg);
    color: var(--vel-error);
  }
  .muted {
    color: var(--vel-text-2);
  }
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12px;
  }
  pre {
    margin: 0;
    padding: 12px;
    overflow: auto;
    background: var(--vel-surface);
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    font-size: 12px;
    max-height: 420px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .pager {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-top: 8px;
  }
  .empty {
    padding: 24px;
    text-align: center;
    color: var(--vel-text-2);
  }
`;var Dt=f`
  dialog {
    border: 1px solid var(--vel-border);
    border-radius: 12px;
    padding: 0;
    width: min(560px, calc(100vw - 32px));
    max-height: calc(100vh - 48px);
    background: var(--vel-bg);
    color: var(--vel-text);
    box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
  }
  :host([wide]) dialog {
    width: min(900px, calc(100vw - 32px));
  }
  dialog::backdrop {
    background: rgba(0, 0, 0, 0.45);
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    padding: 14px 16px 8px;
    position: sticky;
    top: 0;
    background: var(--vel-bg);
  }
  h2 {
    margin: 0;
    font-size: 17px;
  }
  .body {
    padding: 0 16px 8px;
  }
  footer {
    padding: 8px 16px 16px;
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
`;var q=class extends m{constructor(){super();this.opener=null;this.label="",this.open=!1,this.wide=!1}get dialog(){return this.renderRoot.querySelector("dialog")}close(){this.open&&(this.open=!1)}updated(e){let s=this.dialog;!s||!e.has("open")||(this.open&&!s.open?(this.opener=ks(),s.showModal(),this.focusFirst()):!this.open&&s.open&&s.close())}async focusFirst(){let e=this.querySelector("[autofocus], input:not([type=hidden]), select, textarea, button")||this.firstElementChild,s=e?.updateComplete;s&&await s,e?.focus(),this.hasFocus()||this.renderRoot.querySelector("button.close")?.focus()}hasFocus(){let e=document.activeElement;for(;e;){if(e===this||this.contains(e))return!0;e=e.shadowRoot?.activeElement??null}return!1}onClose(){this.open=!1;let e=this.opener;this.opener=null,e&&e.isConnected&&e.focus(),this.dispatchEvent(new CustomEvent("vel-close",{bubbles:!0,composed:!0}))}onCancel(e){e.stopPropagation()}render(){return n`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose} @cancel=${this.onCancel}>
      <header>
        <h2 id="title">${this.label}</h2>
        <button class="close small" type="button" aria-label="Close" @click=${()=>this.close()}>✕</button>
      </header>
      <div class="body"><slot></slot></div>
      <footer><slot name="footer"></slot></footer>
    </dialog>`}};q.styles=[v,Dt],q.properties={label:{},open:{type:Boolean,reflect:!0},wide:{type:Boolean,reflect:!0}};function ks(){let a=document.activeElement;for(;a&&a.shadowRoot&&a.shadowRoot.activeElement;)a=a.shadowRoot.activeElement;return a}function y(a,t){customElements.get(a)||customElements.define(a,t)}y("cdyx-console-dialog",q);var Ot=f`
  .cols {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
    gap: 16px;
    margin-bottom: 12px;
  }
  .buttons {
    margin-bottom: 16px;
  }
  ol.history {
    list-style: none;
    margin: 0;
    padding: 0;
    border-left: 2px solid var(--vel-border);
  }
  ol.history li {
    padding: 4px 0 8px 12px;
    display: flex;
    flex-wrap: wrap;
    gap: 4px 10px;
    align-items: baseline;
  }
  .at {
    color: var(--vel-text-2);
    font-variant-numeric: tabular-nums;
    min-width: 120px;
  }
  .detail {
    flex-basis: 100%;
    font-size: 12px;
    color: var(--vel-text-2);
    overflow-wrap: anywhere;
  }
`;var Ss={created:"Created",updated:"Changed",claimed:"Claimed for dialing",released:"Claim released",attempted:"Dial recorded",completed:"Completed",failed:"Failed",cancelled:"Cancelled",due:"Window opened",fallback:"Fell back to the team"},B=class extends m{constructor(){super();this.loadedFor="";this.history=null,this.error=""}willUpdate(e){e.has("callback")&&this.callback&&this.loadedFor!==this.callback.id+"@"+this.callback.version&&(this.loadedFor=this.callback.id+"@"+this.callback.version,this.load(this.callback.id))}async load(e){try{let s=await this.client.history(e);e===this.callback.id&&(this.history=s.items||[]),this.error=""}catch(s){this.error=g(s)}}ask(e){this.dispatchEvent(new CustomEvent("vel-action",{detail:{action:e},bubbles:!0,composed:!0}))}details(e){let s=[],i=e.data||{};for(let[r,o]of Object.entries(i)){if(o==null||o==="")continue;let d=typeof o=="object"?JSON.stringify(o):String(o);s.push(r+": "+(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(d)?w(d):d))}return e.before&&(e.before.agentId!==e.callback?.agentId||e.before.teamId!==e.callback?.teamId)&&s.push("from "+(e.before.agentId||"the team")+" ("+e.before.teamId+") to "+(e.callback?.agentId||"the team")+" ("+e.callback?.teamId+")"),s.join(" · ")}render(){let e=this.callback;if(!e)return l;let s=e.facts,i=e.status==="scheduled"||e.status==="claimed";return n`<div class="cols">
        <dl class="facts">
          <dt>Status</dt>
          <dd><span class="badge ${e.status}">${ue[e.status]||e.status}</span>${e.claimedBy&&e.status==="claimed"?n` by ${e.claimedBy}`:l}</dd>
          <dt>Customer</dt>
          <dd>${e.customerName||"–"}</dd>
          <dt>Number</dt>
          <dd class="mono">${e.phoneNumber}</dd>
          <dt>Customer's zone</dt>
          <dd>${e.timezone}</dd>
          <dt>Window</dt>
          <dd>${w(e.windowStart)} – ${w(e.windowEnd)}</dd>
          <dt>Team</dt>
          <dd>${e.teamId}</dd>
          <dt>Agent</dt>
          <dd>${e.agentId||"None (the team’s)"}</dd>
          <dt>Attempts</dt>
          <dd>${e.attempts} of ${e.maxAttempts}${e.lastOutcome?" · last: "+e.lastOutcome.replace("_"," "):""}</dd>
          <dt>Notes</dt>
          <dd>${e.notes||"–"}</dd>
          ${e.reason?n`<dt>Reason</dt><dd>${e.reason}</dd>`:l}
          <dt>Created</dt>
          <dd>${w(e.createdAt)} by ${e.createdBy||"–"}</dd>
          <dt>Id</dt>
          <dd class="mono">${e.id}</dd>
        </dl>
        ${s?n`<dl class="facts">
              <dt>First dial</dt>
              <dd>${s.firstAttemptAt?w(s.firstAttemptAt)+" by "+s.firstAttemptBy+" ("+(s.firstOutcome||"").replace("_"," ")+")":"–"}</dd>
              <dt>Window start to first dial</dt>
              <dd>${s.firstDelaySeconds===null?"–":H(s.firstDelaySeconds)}${s.firstInWindow===null?"":s.firstInWindow?", inside the window":", outside the window"}</dd>
              <dt>Fell back to the team</dt>
              <dd>${s.fellBackAt?w(s.fellBackAt)+" from "+s.fellBackFrom:"No"}</dd>
              <dt>Closed</dt>
              <dd>${s.closedAt?w(s.closedAt)+": "+(Nt[s.closeReason]||s.closeReason)+(s.closedBy?" ("+s.closedBy+")":""):"–"}</dd>
            </dl>`:l}
      </div>
      <div class="actions buttons">
        <button type="button" class="small" ?disabled=${!i} @click=${()=>this.ask("reassign")}>Reassign…</button>
        <button type="button" class="small" ?disabled=${!i} @click=${()=>this.ask("reschedule")}>Reschedule…</button>
        <button type="button" class="small danger" ?disabled=${!i} @click=${()=>this.ask("cancel")}>Cancel callback…</button>
      </div>
      <h3>History</h3>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      ${this.history===null?n`<p class="muted">Loading…</p>`:n`<ol class="history">
            ${this.history.map(r=>n`<li>
                <span class="at">${w(r.at)}</span>
                <strong>${Ss[r.type]||r.type}</strong>
                <span class="muted">${r.actor?.agentId||r.actor?.account||"scheduler"}</span>
                ${this.details(r)?n`<div class="detail">${this.details(r)}</div>`:l}
              </li>`)}
          </ol>`}`}};B.styles=[v,x,Ot],B.properties={client:{attribute:!1},callback:{attribute:!1},history:{state:!0},error:{state:!0}};y("cdyx-console-callback-detail",B);var Ht=f`
  form {
    display: grid;
    gap: 12px;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 16px;
  }
  legend {
    font-weight: 600;
    font-size: 13px;
    padding: 0;
    margin-bottom: 4px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    font-size: 14px;
    margin: 0;
    min-height: 32px;
    cursor: pointer;
  }
  .result:focus {
    outline: none;
  }
  ul.items {
    margin: 0 0 8px;
    padding-left: 18px;
    max-height: 300px;
    overflow: auto;
  }
  li.fail {
    color: var(--vel-error);
  }
`;var I=class extends m{constructor(){super(),this.ids=null,this.filter=null,this.labels=new Map,this.kind="reassign",this.to="agent",this.when="window",this.busy=!1,this.error="",this.fields={},this.result=null}focus(){let t=this.renderRoot.querySelector("input[name=kind]:checked, #result");t?t.focus():super.focus()}willUpdate(t){t.has("action")&&this.action&&(this.kind=this.action==="shift"?"reschedule":this.action)}get target(){return this.ids?this.ids.length===1?"1 callback":this.ids.length+" callbacks":"every callback that matches the filter"}async submit(t){t.preventDefault();let e=t.target,s=o=>(e.elements.namedItem(o)?.value||"").trim(),i={action:"reassign"};this.ids?i.ids=this.ids:i.filter=this.filter||{};let r={};switch(this.kind){case"reassign":i.action="reassign",this.to==="agent"?(i.agentId=s("agentId"),i.agentId||(r.agentId="Name the agent.")):i.toTeam=!0,s("teamId")&&(i.teamId=s("teamId"));break;case"reschedule":if(this.when==="window"){i.action="reschedule";let o=s("windowStart");o?i.windowStart=new Date(o).toISOString():r.windowStart="Pick when the new window starts.",s("windowEnd")&&(i.windowEnd=new Date(s("windowEnd")).toISOString())}else{i.action="shift";let o=Number(s("hours"));o?i.hours=o:r.hours="Give a number of hours other than 0 (negative moves windows earlier)."}break;case"cancel":i.action="cancel",i.reason=s("reason"),i.reason||(r.reason="Say why they are cancelled; the reason goes to each callback’s history.");break}if(this.fields=r,Object.keys(r).length){this.error="",this.updateComplete.then(()=>this.renderRoot.querySelector('[aria-invalid="true"]')?.focus());return}this.busy=!0,this.error="";try{this.result=await this.client.bulk(i),this.dispatchEvent(new CustomEvent("vel-bulk-done",{detail:{result:this.result},bubbles:!0,composed:!0})),this.updateComplete.then(()=>this.renderRoot.querySelector("#result")?.focus())}catch(o){this.error=g(o);let d=S(o);for(let c of Object.keys(d))d[c.replace(/^filter\..*/,"filter")]=d[c];this.fields=d}finally{this.busy=!1}}field(t,e,s,i=""){let r=this.fields[t];return n`<div class="field">
      <label for=${"b-"+t}>${e}</label>
      ${s} ${i?n`<span class="hint" id=${"b-"+t+"-hint"}>${i}</span>`:l}
      ${r?n`<span class="field-error" id=${"b-"+t+"-err"}>${r}</span>`:l}
    </div>`}input(t,e="text",s={}){let i=this.fields[t];return n`<input
      id=${"b-"+t}
      name=${t}
      type=${e}
      step=${s.step||l}
      placeholder=${s.placeholder||l}
      aria-invalid=${i?"true":"false"}
      aria-describedby=${i?"b-"+t+"-err":l}
    />`}results(t){let e=t.items.filter(r=>!r.ok),s=t.items.filter(r=>r.ok),i=r=>this.labels.get(r)||r;return n`<div id="result" tabindex="-1" class="result" role="status">
      <p class=${"msg "+(t.failed?"warn":"ok")}>
        ${t.succeeded} of ${t.total} changed${t.failed?n`; ${t.failed} refused (listed below, the rest went ahead)`:l}.
      </p>
      ${e.length?n`<h3>Refused</h3>
            <ul class="items">
              ${e.map(r=>n`<li class="fail" data-id=${r.id}><strong>${i(r.id)}</strong>: ${r.message||r.code}</li>`)}
            </ul>`:l}
      ${s.length?n`<details ?open=${s.length<=10}>
            <summary>Changed (${s.length})</summary>
            <ul class="items">
              ${s.map(r=>n`<li class="ok" data-id=${r.id}>${i(r.id)}</li>`)}
            </ul>
          </details>`:l}
    </div>`}render(){if(this.result)return this.results(this.result);let t=(e,s,i,r,o)=>n`<label class="check"><input type="radio" name=${e} .value=${s} .checked=${i===s} @change=${()=>o(s)} /> ${r}</label>`;return n`<form @submit=${this.submit} novalidate>
      <p>Changes ${this.target}. Each is changed on its own; one an agent is dialing right now is left alone.</p>
      <fieldset>
        <legend>Change</legend>
        ${t("kind","reassign",this.kind,"Reassign",e=>this.kind=e)} ${t("kind","reschedule",this.kind,"Reschedule",e=>this.kind=e)}
        ${t("kind","cancel",this.kind,"Cancel",e=>this.kind=e)}
      </fieldset>
      ${this.kind==="reassign"?n`<fieldset>
              <legend>To</legend>
              ${t("to","agent",this.to,"An agent",e=>this.to=e)} ${t("to","team",this.to,"The team (no agent)",e=>this.to=e)}
            </fieldset>
            ${this.to==="agent"?this.field("agentId","Agent id",this.input("agentId","text",{placeholder:"agent-1"})):l}
            ${this.field("teamId","Move to team (optional)",this.input("teamId"),"Leave empty to keep each callback’s team.")}`:l}
      ${this.kind==="reschedule"?n`<fieldset>
              <legend>How</legend>
              ${t("when","window",this.when,"A new window",e=>this.when=e)} ${t("when","shift",this.when,"Shift by hours",e=>this.when=e)}
            </fieldset>
            ${this.when==="window"?n`${this.field("windowStart","Window starts",this.input("windowStart","datetime-local"),"In your time zone; clipped to each customer’s calling hours.")}
                ${this.field("windowEnd","Window ends (optional)",this.input("windowEnd","datetime-local"))}`:this.field("hours","Hours",this.input("hours","number",{step:"0.5",placeholder:"2"}),"Negative moves windows earlier.")}`:l}
      ${this.kind==="cancel"?this.field("reason","Reason",this.input("reason"),"Kept in each callback’s history and the audit trail."):l}
      ${this.fields.filter?n`<p class="field-error">${this.fields.filter}</p>`:l}
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      <div class="actions">
        <button type="submit" class=${this.kind==="cancel"?"danger":"primary"} ?disabled=${this.busy}>
          ${this.busy?"Applying…":this.kind==="cancel"?"Cancel "+this.target:"Apply to "+this.target}
        </button>
      </div>
    </form>`}};I.styles=[v,x,Ht],I.shadowRootOptions={...m.shadowRootOptions,delegatesFocus:!0},I.properties={client:{attribute:!1},action:{attribute:!1},ids:{attribute:!1},filter:{attribute:!1},labels:{attribute:!1},kind:{state:!0},to:{state:!0},when:{state:!0},busy:{state:!0},error:{state:!0},fields:{state:!0},result:{state:!0}};y("cdyx-console-bulk",I);var qt=f`
  .head {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: 16px;
    flex-wrap: wrap;
  }
  form.filters .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
    gap: 10px 12px;
  }
  form.filters .wide {
    grid-column: span 2;
  }
  .row2 {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 16px;
    align-items: flex-end;
    margin-top: 10px;
  }
  fieldset.statuses {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    align-items: center;
  }
  fieldset.statuses legend {
    font-weight: 600;
    font-size: 13px;
    padding: 0;
    margin-bottom: 4px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    font-size: 14px;
    margin: 0;
    min-height: 32px;
    cursor: pointer;
  }
  .actions.end {
    margin-left: auto;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    margin-top: 10px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 4px 2px 10px;
    border-radius: 14px;
    background: var(--vel-info-bg);
    font-size: 13px;
  }
  .chip button {
    min-height: 22px;
    padding: 0 6px;
    border: 0;
  }
  .bulkbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    margin-bottom: 8px;
    border-radius: var(--vel-radius);
    background: var(--vel-info-bg);
    border: 1px solid var(--vel-accent);
    position: sticky;
    top: 0;
    z-index: 2;
  }
  .bulkbar .grow {
    flex: 1;
  }
  th.sel,
  td.sel {
    width: 32px;
    padding-right: 0;
  }
  tr.selected {
    background: var(--vel-info-bg);
  }
  .name {
    font-weight: 600;
  }
  .live {
    font-size: 12px;
    font-weight: 600;
    padding: 2px 10px;
    border-radius: 10px;
    background: var(--vel-surface-2);
  }
  .live.live {
    background: var(--vel-ok-bg);
    color: var(--vel-ok);
  }
  .live.retrying {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
`;var Ye=["scheduled","claimed","completed","failed","cancelled"],Bt=[25,50,100,200],Es=600,U=class extends m{constructor(){super();this.seq=0;this.shownKey=null;this.enterOn="";this.query=new URLSearchParams,this.items=[],this.next=null,this.cursors=[""],this.loading=!1,this.error="",this.selected=new Map,this.allMatching=!1,this.live="connecting",this.detail=null,this.bulk=null,this.active="",this.announce=""}connectedCallback(){super.connectedCallback(),this.stream=new _e(this.client,"","",{event:e=>this.onEvent(e),resync:()=>this.refreshSoon(),state:e=>this.live=e}),this.stream.start()}disconnectedCallback(){super.disconnectedCallback(),this.stream?.stop(),clearTimeout(this.timer)}willUpdate(e){if(e.has("query")){let s=this.query.toString();s!==this.shownKey&&(this.shownKey=s,this.cursors=[""],this.allMatching=!1,this.load())}}get limit(){let e=Number(this.query.get("limit"));return Bt.includes(e)?e:50}async load(){let e=++this.seq;this.loading=!0;try{let s=this.cursors[this.cursors.length-1],i=await this.client.search(It(this.query,s,this.limit));if(e!==this.seq)return;this.items=i.items||[],this.next=i.nextCursor,this.error="",this.items.some(r=>r.id===this.active)||(this.active=this.items[0]?.id||"")}catch(s){if(e!==this.seq)return;this.error=g(s)}finally{e===this.seq&&(this.loading=!1)}}refreshSoon(){clearTimeout(this.timer),this.timer=setTimeout(()=>{this.load()},Es)}onEvent(e){let s=e.callback;if(s){let i=this.items.findIndex(r=>r.id===s.id);if(i>=0){let r=this.items.slice();r[i]={...r[i],...s,facts:r[i].facts},this.items=r}this.detail&&this.detail.id===s.id&&(this.detail={...this.detail,...s})}this.refreshSoon()}setFilters(e){e.has("windowFrom")||e.has("windowTo")?e.has("tz")||e.set("tz",Ie()):e.delete("tz"),Ae("callbacks",e,!0)}onFilterChange(e){e.preventDefault();let s=this.renderRoot.querySelector("form.filters"),i=p=>s.elements.namedItem(p)?.value.trim()||"",r=p=>!!s.elements.namedItem(p)?.checked,o=new URLSearchParams;for(let[p,u]of this.query)pe(p,u)||o.append(p,u);i("q")&&o.set("q",i("q"));for(let p of he(i("team")))o.append("team",p);for(let p of he(i("agent")))o.append("agent",p);i("assigned")&&o.set("assigned",i("assigned"));let d=Ye.filter(p=>r("status-"+p));d.length&&d.length<Ye.length&&o.set("status",d.join(",")),i("windowFrom")&&o.set("windowFrom",i("windowFrom")),i("windowTo")&&o.set("windowTo",i("windowTo")),r("overdue")&&o.set("overdue","true"),r("dueNow")&&o.set("dueNow","true");let c=Number(i("minAttempts"));c>0&&o.set("minAttempts",String(Math.floor(c))),i("createdBy")&&o.set("createdBy",i("createdBy")),i("sort")&&i("sort")!=="windowStart"&&o.set("sort",i("sort")),i("order")==="desc"&&o.set("order","desc"),i("limit")&&i("limit")!=="50"&&o.set("limit",i("limit")),this.setFilters(o)}removeParam(e){let s=new URLSearchParams(this.query);s.delete(e),this.setFilters(s)}clearFilters(){let e=new URLSearchParams;for(let s of["sort","order","limit"])this.query.get(s)&&e.set(s,this.query.get(s));this.setFilters(e)}nextPage(){this.next&&(this.cursors=[...this.cursors,this.next],this.load())}prevPage(){this.cursors.length<2||(this.cursors=this.cursors.slice(0,-1),this.load())}toggle(e,s){let i=new Map(this.selected),r=s??!i.has(e.id);r?i.set(e.id,e):i.delete(e.id),this.selected=i,this.allMatching=!1,this.announce=(r?"Selected ":"Unselected ")+(e.customerName||e.phoneNumber)+". "+i.size+" selected."}togglePage(e){let s=new Map(this.selected);for(let i of this.items)e?s.set(i.id,i):s.delete(i.id);this.selected=s,this.allMatching=!1}clearSelection(){this.selected=new Map,this.allMatching=!1}rowKey(e,s){if(e.target!==e.currentTarget)return;let i=this.items.findIndex(o=>o.id===s.id),r=o=>{let d=this.items[Math.max(0,Math.min(this.items.length-1,o))];d&&(this.active=d.id,this.updateComplete.then(()=>this.renderRoot.querySelector(`tr[data-id="${CSS.escape(d.id)}"]`)?.focus()))};switch(e.key){case"Enter":e.preventDefault(),this.enterOn=s.id;break;case" ":e.preventDefault(),this.toggle(s);break;case"ArrowDown":e.preventDefault(),r(i+1);break;case"ArrowUp":e.preventDefault(),r(i-1);break;case"Home":e.preventDefault(),r(0);break;case"End":e.preventDefault(),r(this.items.length-1);break}}rowKeyUp(e,s){if(e.key!=="Enter"||e.target!==e.currentTarget)return;let i=this.enterOn;this.enterOn="",i===s.id&&this.open(s)}rowClick(e,s){e.target.closest("input, button, a")||(this.active=s.id,this.open(s))}open(e){this.detail=e}startBulk(e,s){this.bulk={action:e,ids:s}}bulkDone(e){let s=e.items.filter(r=>!r.ok).map(r=>r.id),i=new Map;for(let r of s){let o=this.selected.get(r)||this.items.find(d=>d.id===r);o&&i.set(r,o)}this.selected=i,this.allMatching=!1,this.load()}filtersForm(){let e=this.query,s=(e.get("status")||"").split(",").filter(Boolean),i=[...se(e)].filter(([r,o])=>!pe(r,o));return n`<form class="filters card" @submit=${this.onFilterChange} @change=${this.onFilterChange} aria-label="Filters">
      <div class="grid">
        <div class="field wide"><label for="f-q">Name, number or notes</label><input id="f-q" name="q" type="search" .value=${e.get("q")||""} /></div>
        <div class="field"><label for="f-team">Teams</label><input id="f-team" name="team" placeholder="team-1, team-2" .value=${e.getAll("team").join(", ")} /></div>
        <div class="field"><label for="f-agent">Agents</label><input id="f-agent" name="agent" placeholder="agent-1" .value=${e.getAll("agent").join(", ")} /></div>
        <div class="field">
          <label for="f-assigned">Assigned</label>
          <select id="f-assigned" name="assigned">
            <option value="" ?selected=${!e.get("assigned")}>Personal or team</option>
            <option value="personal" ?selected=${e.get("assigned")==="personal"}>Personal (an agent's)</option>
            <option value="team" ?selected=${e.get("assigned")==="team"}>Team (no agent)</option>
          </select>
        </div>
        <div class="field"><label for="f-from">Window from</label><input id="f-from" name="windowFrom" type="date" .value=${pe("windowFrom",e.get("windowFrom")||"")?e.get("windowFrom"):""} /></div>
        <div class="field"><label for="f-to">Window before</label><input id="f-to" name="windowTo" type="date" .value=${pe("windowTo",e.get("windowTo")||"")?e.get("windowTo"):""} /></div>
        <div class="field"><label for="f-min">Attempts at least</label><input id="f-min" name="minAttempts" type="number" min="0" max="20" .value=${e.get("minAttempts")||""} /></div>
        <div class="field"><label for="f-by">Created by</label><input id="f-by" name="createdBy" .value=${e.get("createdBy")||""} /></div>
      </div>
      <div class="row2">
        <fieldset class="statuses">
          <legend>Status</legend>
          ${Ye.map(r=>n`<label class="check"
              ><input type="checkbox" name=${"status-"+r} .checked=${s.length===0||s.includes(r)} /> ${ue[r]}</label
            >`)}
        </fieldset>
        <fieldset class="statuses">
          <legend>Timing</legend>
          <label class="check"><input type="checkbox" name="overdue" .checked=${e.get("overdue")==="true"} /> Overdue</label>
          <label class="check"><input type="checkbox" name="dueNow" .checked=${e.get("dueNow")==="true"} /> Due now</label>
        </fieldset>
        <div class="field">
          <label for="f-sort">Sort by</label>
          <select id="f-sort" name="sort">
            ${[["windowStart","Window start"],["createdAt","Created"],["attempts","Attempts"]].map(([r,o])=>n`<option value=${r} ?selected=${(e.get("sort")||"windowStart")===r}>${o}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="f-order">Order</label>
          <select id="f-order" name="order">
            <option value="asc" ?selected=${e.get("order")!=="desc"}>Ascending</option>
            <option value="desc" ?selected=${e.get("order")==="desc"}>Descending</option>
          </select>
        </div>
        <div class="field">
          <label for="f-limit">Per page</label>
          <select id="f-limit" name="limit">
            ${Bt.map(r=>n`<option value=${r} ?selected=${this.limit===r}>${r}</option>`)}
          </select>
        </div>
        <div class="actions end">
          <button type="submit" class="primary">Apply</button>
          <button type="button" @click=${this.clearFilters} ?disabled=${!Mt(e)}>Clear filters</button>
        </div>
      </div>
      ${i.length?n`<div class="chips" aria-label="More filters">
            <span class="muted">Also:</span>
            ${i.map(([r,o])=>n`<span class="chip">${Ge[r]||r}: ${/^\d{4}-\d{2}-\d{2}T/.test(o)?w(o):o}
                  <button type="button" class="small" aria-label=${"Remove the filter "+(Ge[r]||r)} @click=${()=>this.removeParam(r)}>✕</button></span
                >`)}
          </div>`:l}
    </form>`}bulkBar(){let e=this.selected.size;if(!e&&!this.allMatching)return l;let s=this.allMatching?null:[...this.selected.keys()],i=this.allMatching?"Every callback that matches the filter":e+" selected";return n`<div class="bulkbar" role="region" aria-label="Bulk changes">
      <strong>${i}</strong>
      ${!this.allMatching&&this.next===null&&this.cursors.length===1?l:n`<button type="button" class="small" @click=${()=>this.allMatching=!this.allMatching}>
            ${this.allMatching?"Only the selected":"Select all that match"}
          </button>`}
      <span class="grow"></span>
      <button type="button" class="small" @click=${()=>this.startBulk("reassign",s)}>Reassign…</button>
      <button type="button" class="small" @click=${()=>this.startBulk("reschedule",s)}>Reschedule…</button>
      <button type="button" class="small danger" @click=${()=>this.startBulk("cancel",s)}>Cancel callbacks…</button>
      <button type="button" class="small" @click=${this.clearSelection}>Clear selection</button>
    </div>`}table(){let e=this.items.length>0&&this.items.every(i=>this.selected.has(i.id)),s=Date.now();return n`<div class="table-wrap">
      <table aria-describedby="list-caption" aria-busy=${String(this.loading)}>
        <caption id="list-caption" class="sr-only">
          Callbacks. Arrow keys move between rows, Enter opens a callback, Space selects it.
        </caption>
        <thead>
          <tr>
            <th class="sel"><input type="checkbox" aria-label="Select every callback on this page" .checked=${e} @change=${i=>this.togglePage(i.target.checked)} /></th>
            <th>Customer</th>
            <th>Status</th>
            <th>Window</th>
            <th>Team</th>
            <th>Agent</th>
            <th class="num">Attempts</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          ${Pt(this.items,i=>i.id,i=>{let r=i.status==="scheduled"||i.status==="claimed",o=r&&Date.parse(i.windowEnd)<=s,d=r&&!o&&Date.parse(i.windowStart)<=s,c=this.selected.has(i.id)||this.allMatching;return n`<tr
                class="clickable ${c?"selected":""}"
                data-id=${i.id}
                data-phone=${i.phoneNumber}
                tabindex=${i.id===(this.active||this.items[0]?.id)?"0":"-1"}
                @keydown=${p=>this.rowKey(p,i)}
                @keyup=${p=>this.rowKeyUp(p,i)}
                @click=${p=>this.rowClick(p,i)}
                @focus=${()=>this.active=i.id}
              >
                <td class="sel">
                  <input
                    type="checkbox"
                    tabindex="-1"
                    aria-label=${"Select "+(i.customerName||i.phoneNumber)}
                    .checked=${c}
                    ?disabled=${this.allMatching}
                    @change=${p=>this.toggle(i,p.target.checked)}
                  />
                </td>
                <td><div class="name">${i.customerName||n`<span class="muted">No name</span>`}</div><div class="muted mono">${i.phoneNumber}</div></td>
                <td>
                  <span class="badge ${i.status}">${ue[i.status]||i.status}</span>
                  ${o?n`<span class="badge overdue">Overdue</span>`:d?n`<span class="badge scheduled">Due now</span>`:l}
                </td>
                <td>${w(i.windowStart)}<div class="muted">to ${w(i.windowEnd)}</div></td>
                <td>${i.teamId}</td>
                <td>${i.agentId||n`<span class="muted">Team</span>`}</td>
                <td class="num">${i.attempts} / ${i.maxAttempts}</td>
                <td>${w(i.createdAt)}<div class="muted">${i.createdBy}</div></td>
              </tr>`})}
        </tbody>
      </table>
      ${!this.loading&&this.items.length===0&&!this.error?n`<p class="empty">No callback matches these filters.</p>`:l}
    </div>`}render(){let e={connecting:"Connecting…",live:"Live",retrying:"Reconnecting…",stopped:"Not live"}[this.live],s=this.cursors.length;return n`<div class="head">
        <div>
          <h1>Callbacks</h1>
          <p class="lead">Every callback of the tenant. Filters combine; changes made by agents appear as they happen.</p>
        </div>
        <div class="actions">
          <span class="live ${this.live}" role="status">${e}</span>
          <a class="button" href=${this.client.exportURL(se(this.query))} download>Export CSV</a>
        </div>
      </div>
      ${this.filtersForm()} ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l} ${this.bulkBar()} ${this.table()}
      <div class="pager">
        <button type="button" class="small" @click=${this.prevPage} ?disabled=${s<2||this.loading}>Previous</button>
        <span>Page ${s}${this.loading?n` <span class="muted">(loading…)</span>`:l}</span>
        <button type="button" class="small" @click=${this.nextPage} ?disabled=${!this.next||this.loading}>Next</button>
      </div>
      <p class="sr-only" role="status" aria-live="polite">${this.announce}</p>
      <cdyx-console-dialog wide label=${this.detail?"Callback: "+(this.detail.customerName||this.detail.phoneNumber):""} ?open=${!!this.detail} @vel-close=${()=>this.detail=null}>
        ${this.detail?n`<cdyx-console-callback-detail
              .client=${this.client}
              .callback=${this.detail}
              @vel-action=${i=>{let r=this.detail.id;this.detail=null,this.startBulk(i.detail.action,[r])}}
            ></cdyx-console-callback-detail>`:l}
      </cdyx-console-dialog>
      <cdyx-console-dialog label="Change callbacks" ?open=${!!this.bulk} @vel-close=${()=>this.bulk=null}>
        ${this.bulk?n`<cdyx-console-bulk
              .client=${this.client}
              .action=${this.bulk.action}
              .ids=${this.bulk.ids}
              .filter=${this.bulk.ids?null:Lt(this.query)}
              .labels=${new Map([...this.selected.values(),...this.items].map(i=>[i.id,i.customerName||i.phoneNumber]))}
              @vel-bulk-done=${i=>this.bulkDone(i.detail.result)}
            ></cdyx-console-bulk>`:l}
      </cdyx-console-dialog>`}};U.styles=[v,x,qt],U.properties={client:{attribute:!1},session:{attribute:!1},query:{attribute:!1},items:{state:!0},next:{state:!0},cursors:{state:!0},loading:{state:!0},error:{state:!0},selected:{state:!0},allMatching:{state:!0},live:{state:!0},detail:{state:!0},bulk:{state:!0},active:{state:!0},announce:{state:!0}};y("cdyx-console-callbacks",U);var Ut=f`
  :host {
    display: block;
    min-width: 0;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-weight: 600;
    margin-bottom: 6px;
  }
  .plot {
    min-height: 220px;
    color: var(--vel-text);
  }
`;var Ze;function As(){return Ze??=import(new URL("/console/charts.js",location.href).href).catch(a=>{throw Ze=void 0,a}),Ze}var F=class extends m{constructor(){super();this.sheet=!1;this.onTheme=()=>{this.draw()};this.label="",this.days=[],this.series=[],this.percent=!1,this.error=""}connectedCallback(){super.connectedCallback(),window.addEventListener(_,this.onTheme)}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener(_,this.onTheme),this.ro?.disconnect(),this.plot?.destroy(),this.plot=void 0}updated(e){(e.has("days")||e.has("series")||e.has("percent"))&&this.draw()}async draw(){let e;try{e=await As()}catch(u){this.error="The chart could not be loaded: "+(u instanceof Error?u.message:String(u));return}let s=this.renderRoot.querySelector(".plot");if(!s)return;if(!this.sheet){this.sheet=!0;let u=document.createElement("style");u.textContent=e.uPlotCSS,this.renderRoot.appendChild(u)}let i=getComputedStyle(this),r=i.getPropertyValue("--vel-text-2").trim()||"#555",o=i.getPropertyValue("--vel-border").trim()||"#ddd",d=this.days.map(u=>Date.parse(u+"T12:00:00Z")/1e3),c=u=>u==null?"–":this.percent?Math.round(u*1e3)/10+"%":String(u),p={width:Math.max(280,s.clientWidth),height:220,scales:{x:{time:!0},y:this.percent?{range:[0,1]}:{range:(u,h,b)=>[0,Math.max(1,b)]}},series:[{label:"Day",value:(u,h)=>h===null?"–":new Date(h*1e3).toISOString().slice(0,10)},...this.series.map(u=>({label:u.label,stroke:u.color,width:2,points:{show:this.days.length<=45},value:(h,b)=>c(b)}))],axes:[{stroke:r,grid:{stroke:o,width:1},ticks:{stroke:o}},{stroke:r,grid:{stroke:o,width:1},ticks:{stroke:o},values:(u,h)=>h.map(b=>this.percent?Math.round(b*100)+"%":String(b))}],cursor:{drag:{x:!1,y:!1}}};this.plot?.destroy(),s.replaceChildren(),this.plot=new e.uPlot(p,[d,...this.series.map(u=>u.values)],s),this.ro||(this.ro=new ResizeObserver(()=>{this.plot&&s.clientWidth&&this.plot.setSize({width:Math.max(280,s.clientWidth),height:220})}),this.ro.observe(s))}render(){return n`<figure>
      <figcaption>${this.label}</figcaption>
      <div class="plot" role="img" aria-label=${this.label+": "+this.series.map(e=>e.label).join(", ")+" per day; the figures are in the table below."}></div>
      ${this.error?n`<p class="msg error">${this.error}</p>`:l}
    </figure>`}};F.styles=[v,Ut],F.properties={label:{},days:{attribute:!1},series:{attribute:!1},percent:{type:Boolean},error:{state:!0}};y("cdyx-console-chart",F);var Ft=f`
  .head,
  .section-head {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: 16px;
    flex-wrap: wrap;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
    gap: 12px;
  }
  .stat {
    padding: 10px 12px;
    border-radius: var(--vel-radius);
    background: var(--vel-surface);
  }
  .stat-title {
    font-size: 13px;
    color: var(--vel-text-2);
    font-weight: 600;
  }
  .stat-value {
    font-size: 26px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .stat-value .rate strong {
    font-size: 26px;
  }
  .stat-value .rate .muted {
    font-size: 13px;
    font-weight: 400;
  }
  .stat-sub {
    font-size: 12px;
    color: var(--vel-text-2);
    margin-top: 2px;
  }
  a.fig {
    color: var(--vel-accent);
    text-decoration: none;
    border-bottom: 1px dotted currentColor;
  }
  a.fig:hover {
    border-bottom-style: solid;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(360px, 1fr));
    gap: 16px;
    margin-bottom: 8px;
  }
  a.small-link {
    min-height: 28px;
    padding: 0 10px;
    font-size: 13px;
  }
  th[scope='row'] {
    background: transparent;
  }
  details {
    margin-top: 8px;
  }
  summary {
    cursor: pointer;
    margin-bottom: 8px;
  }
`;var Ts={light:{created:"#0f6ac4",completed:"#16694e",failed:"#c11d2b",cancelled:"#8a5206",inWindow:"#0f6ac4",connect:"#16694e"},dark:{created:"#64b4fa",completed:"#6fd7ae",failed:"#fc8b98",cancelled:"#f7c173",inWindow:"#64b4fa",connect:"#6fd7ae"}},z=class extends m{constructor(){super();this.shownKey=null;this.seq=0;this.onTheme=()=>this.requestUpdate();this.query=new URLSearchParams,this.reports={},this.loading=!1,this.error=""}connectedCallback(){super.connectedCallback(),window.addEventListener(_,this.onTheme)}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener(_,this.onTheme)}get params(){let e=new URLSearchParams,s=new Date,i=new Date(s.getFullYear(),s.getMonth(),s.getDate()-29);e.set("from",this.query.get("from")||Je(i)),e.set("to",this.query.get("to")||Je(s)),e.set("tz",Ie());for(let r of this.query.getAll("team"))e.append("team",r);return e}willUpdate(e){e.has("query")&&this.query.toString()!==this.shownKey&&(this.shownKey=this.query.toString(),this.load())}async load(){let e=++this.seq;this.loading=!0;let s=this.params,i=["summary","teams","agents","daily"];try{let r=await Promise.all(i.map(o=>this.client.report(o,s)));if(e!==this.seq)return;this.reports=Object.fromEntries(i.map((o,d)=>[o,r[d]])),this.error=""}catch(r){e===this.seq&&(this.error=g(r))}finally{e===this.seq&&(this.loading=!1)}}apply(e){e.preventDefault();let s=this.renderRoot.querySelector("form.period"),i=o=>s.elements.namedItem(o).value.trim(),r=new URLSearchParams;i("from")&&r.set("from",i("from")),i("to")&&r.set("to",i("to"));for(let o of he(i("team")))r.append("team",o);Ae("dashboard",r,!0)}fig(e,s){return e?n`<a class="fig" href=${ee("callbacks",new URLSearchParams(e.search))} aria-label=${s?Pe(e.count)+" "+s+": list them":l}>${Pe(e.count)}</a>`:n`–`}rate(e,s){return e?n`<span class="rate"
      ><strong>${re(e.rate)}</strong>
      <span class="muted">(${this.fig(e.part,s)} of ${this.fig(e.of)})</span></span
    >`:n`–`}card(e,s,i,r){return n`<div class="stat" data-figure=${r||l}>
      <div class="stat-title">${e}</div>
      <div class="stat-value">${s}</div>
      ${i?n`<div class="stat-sub">${i}</div>`:l}
    </div>`}now(e){let s=e.now;if(!s)return l;let i=s.oldestOverdueSince;return n`<section class="card" aria-labelledby="h-now">
      <h2 id="h-now">Now</h2>
      <div class="stats">
        ${this.card("Open",this.fig(s.open,"open callbacks"),l,"now.open")}
        ${this.card("Due now",this.fig(s.dueNow,"callbacks due now"),l,"now.dueNow")}
        ${this.card("Overdue",this.fig(s.overdue,"overdue callbacks"),n`up to 1 h ${this.fig(s.overdueBy.upTo1h)} · 1–4 h ${this.fig(s.overdueBy.upTo4h)} · 4–24 h ${this.fig(s.overdueBy.upTo24h)} · over 24 h
            ${this.fig(s.overdueBy.over24h)}${i?n`<br />oldest overdue for ${H((Date.now()-Date.parse(i))/1e3)}`:l}`,"now.overdue")}
        ${this.card("Being dialed",this.fig(s.claimed,"callbacks being dialed"),l,"now.claimed")}
        ${this.card("Personal / team",n`${this.fig(s.personal,"personal callbacks")} / ${this.fig(s.team,"team callbacks")}`,n`an agent’s own / their team’s`,"now.personal")}
      </div>
    </section>`}outcomes(e){let s=e.outcomes;return n`<section class="card" aria-labelledby="h-outcomes">
      <h2 id="h-outcomes">Outcomes in the period</h2>
      <div class="stats">
        ${this.card("Created",this.fig(e.created,"callbacks created"),l,"created")}
        ${this.card("Completed",this.fig(s.completed,"completed callbacks"),n`connected ${this.fig(s.completedBy.connected)} · declined ${this.fig(s.completedBy.declined)} · reached on an inbound call ${this.fig(s.completedBy.reachedInbound)}`,"outcomes.completed")}
        ${this.card("Failed",this.fig(s.failed,"failed callbacks"),n`attempts ran out ${this.fig(s.failedBy.maxAttempts)} · invalid number ${this.fig(s.failedBy.invalidNumber)}`,"outcomes.failed")}
        ${this.card("Cancelled",this.fig(s.cancelled,"cancelled callbacks"),n`for the customer ${this.fig(s.cancelledBy.customer)} · do-not-call ${this.fig(s.cancelledBy.doNotCall)} · by a supervisor ${this.fig(s.cancelledBy.supervisor)}`,"outcomes.cancelled")}
        ${this.card("Connect rate, first attempt",this.rate(s.connectRateFirst,"first dials that connected"),l,"outcomes.connectRateFirst")}
        ${this.card("Connect rate, overall",this.rate(s.connectRate,"closed by a dial that connected"),l,"outcomes.connectRate")}
        ${this.card("Attempts per completed callback",n`${s.attemptsPerCompleted.value===null?"–":s.attemptsPerCompleted.value.toFixed(2)}`,n`${Pe(s.attemptsPerCompleted.attempts)} attempts on ${this.fig(s.attemptsPerCompleted.completed)} completed`,"outcomes.attemptsPerCompleted")}
      </div>
    </section>`}punctuality(e){let s=e.punctuality;return n`<section class="card" aria-labelledby="h-speed">
      <h2 id="h-speed">Speed and punctuality</h2>
      <div class="stats">
        ${this.card("First dialed",this.fig(s.firstDialed,"callbacks first dialed"),l,"punctuality.firstDialed")}
        ${this.card("Window start to first dial, median",n`${H(s.firstDelay.medianSeconds)}`,n`90th percentile ${H(s.firstDelay.p90Seconds)}`,"punctuality.firstDelay")}
        ${this.card("First dialed inside the window",this.rate(s.firstDialedInWindow,"first dialed inside their window"),l,"punctuality.firstDialedInWindow")}
        ${this.card("Fell back to the team",this.rate(s.fellBack,"closed callbacks that had fallen back"),n`fell back in the period ${this.fig(s.fellBackInPeriod)}`,"punctuality.fellBack")}
      </div>
    </section>`}table(e,s){let i=e==="teams"?"Team":"Agent";return n`<section class="card" aria-labelledby=${"h-"+e}>
      <div class="section-head">
        <h2 id=${"h-"+e}>Per ${e==="teams"?"team":"agent"}</h2>
        <a class="button small-link" href=${this.client.reportCSV(e,this.params)} download>CSV</a>
      </div>
      ${e==="agents"?n`<p class="hint">Each figure counts its own agent: open ones their owner, being dialed the agent dialing, outcomes the agent who closed them, first dials the agent who dialed.</p>`:l}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${i}</th>
              <th scope="col" class="num">Open</th>
              <th scope="col" class="num">Overdue</th>
              <th scope="col" class="num">Being dialed</th>
              <th scope="col" class="num">Created</th>
              <th scope="col" class="num">Completed</th>
              <th scope="col" class="num">Failed</th>
              <th scope="col" class="num">Cancelled</th>
              <th scope="col" class="num">Connect, first</th>
              <th scope="col" class="num">Median to first dial</th>
              <th scope="col" class="num">In window</th>
              <th scope="col" class="num">Fell back</th>
            </tr>
          </thead>
          <tbody>
            ${s.map(r=>{let o=r.figures;return n`<tr data-key=${r.teamId||r.agentId||""}>
                <th scope="row">${r.teamId||r.agentId}</th>
                <td class="num">${this.fig(o.now?.open)}</td>
                <td class="num">${this.fig(o.now?.overdue)}</td>
                <td class="num">${this.fig(o.now?.claimed)}</td>
                <td class="num">${this.fig(o.created)}</td>
                <td class="num">${this.fig(o.outcomes.completed)}</td>
                <td class="num">${this.fig(o.outcomes.failed)}</td>
                <td class="num">${this.fig(o.outcomes.cancelled)}</td>
                <td class="num">${re(o.outcomes.connectRateFirst.rate)}</td>
                <td class="num">${H(o.punctuality.firstDelay.medianSeconds)}</td>
                <td class="num">${re(o.punctuality.firstDialedInWindow.rate)}</td>
                <td class="num">${this.fig(o.punctuality.fellBackInPeriod)}</td>
              </tr>`})}
          </tbody>
        </table>
        ${s.length?l:n`<p class="empty">Nothing in this period.</p>`}
      </div>
    </section>`}trend(e){let s=e.rows||[],i=s.map(c=>c.date||""),r=Ts[document.querySelector("cdyx-console")?.hasAttribute("dark")?"dark":"light"],o=[{label:"Created",color:r.created,values:s.map(c=>c.figures.created.count)},{label:"Completed",color:r.completed,values:s.map(c=>c.figures.outcomes.completed.count)},{label:"Failed",color:r.failed,values:s.map(c=>c.figures.outcomes.failed.count)},{label:"Cancelled",color:r.cancelled,values:s.map(c=>c.figures.outcomes.cancelled.count)}],d=[{label:"First dialed inside the window",color:r.inWindow,values:s.map(c=>c.figures.punctuality.firstDialedInWindow.rate)},{label:"Connect rate, first attempt",color:r.connect,values:s.map(c=>c.figures.outcomes.connectRateFirst.rate)}];return n`<section class="card" aria-labelledby="h-trend">
      <div class="section-head">
        <h2 id="h-trend">Daily trend</h2>
        <a class="button small-link" href=${this.client.reportCSV("daily",this.params)} download>CSV</a>
      </div>
      <div class="charts">
        <cdyx-console-chart label="Callbacks per day" .days=${i} .series=${o}></cdyx-console-chart>
        <cdyx-console-chart label="First dials per day" percent .days=${i} .series=${d}></cdyx-console-chart>
      </div>
      <details>
        <summary>The daily figures as a table</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" class="num">Created</th>
                <th scope="col" class="num">Completed</th>
                <th scope="col" class="num">Failed</th>
                <th scope="col" class="num">Cancelled</th>
                <th scope="col" class="num">First dialed</th>
                <th scope="col" class="num">Inside the window</th>
                <th scope="col" class="num">Connect, first</th>
              </tr>
            </thead>
            <tbody>
              ${s.map(c=>n`<tr>
                  <th scope="row">${ie(c.date||"")}</th>
                  <td class="num">${this.fig(c.figures.created)}</td>
                  <td class="num">${this.fig(c.figures.outcomes.completed)}</td>
                  <td class="num">${this.fig(c.figures.outcomes.failed)}</td>
                  <td class="num">${this.fig(c.figures.outcomes.cancelled)}</td>
                  <td class="num">${this.fig(c.figures.punctuality.firstDialed)}</td>
                  <td class="num">${re(c.figures.punctuality.firstDialedInWindow.rate)}</td>
                  <td class="num">${re(c.figures.outcomes.connectRateFirst.rate)}</td>
                </tr>`)}
            </tbody>
          </table>
        </div>
      </details>
    </section>`}render(){let e=this.params,s=this.reports.summary;return n`<div class="head">
        <div>
          <h1>Dashboard</h1>
          <p class="lead">
            ${s?n`${ie(s.from)} to ${ie(s.to)} (${s.timezone}), ${s.teams&&s.teams.length?"teams "+s.teams.join(", "):"every team"}; as of ${w(s.at)}. Every count opens its callbacks.`:n`Figures for a period and teams; every count opens its callbacks.`}
          </p>
        </div>
        <a class="button" href=${this.client.reportCSV("summary",e)} download>Summary CSV</a>
      </div>
      <form class="period card toolbar" @submit=${this.apply} @change=${this.apply} aria-label="Period and teams">
        <div class="field"><label for="d-from">From</label><input id="d-from" name="from" type="date" .value=${e.get("from")||""} /></div>
        <div class="field"><label for="d-to">To (included)</label><input id="d-to" name="to" type="date" .value=${e.get("to")||""} /></div>
        <div class="field grow"><label for="d-team">Teams</label><input id="d-team" name="team" placeholder="every team" .value=${e.getAll("team").join(", ")} /></div>
        <button type="submit" class="primary">Show</button>
        <button type="button" @click=${()=>{this.load()}}>Refresh</button>
      </form>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      ${this.loading&&!s?n`<p class="muted" role="status">Loading the figures…</p>`:l}
      ${s&&s.figures?n`${this.now(s.figures)} ${this.outcomes(s.figures)} ${this.punctuality(s.figures)}`:l}
      ${this.reports.daily?this.trend(this.reports.daily):l} ${this.reports.teams?this.table("teams",this.reports.teams.rows||[]):l}
      ${this.reports.agents?this.table("agents",this.reports.agents.rows||[]):l}`}};z.styles=[v,x,Ft],z.properties={client:{attribute:!1},session:{attribute:!1},query:{attribute:!1},reports:{state:!0},loading:{state:!0},error:{state:!0}};y("cdyx-console-dashboard",z);var zt=f`
  table.hours {
    width: auto;
    min-width: 420px;
  }
  table.hours td,
  table.hours th {
    border: 0;
    padding: 4px 10px 4px 0;
    vertical-align: middle;
    background: transparent;
  }
  table.hours input[type='time'] {
    width: 130px;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    margin: 0;
  }
  ul.holidays {
    list-style: none;
    padding: 0;
    margin: 0 0 12px;
    display: grid;
    gap: 4px;
  }
  ul.holidays li {
    display: flex;
    gap: 10px;
    align-items: center;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: 12px 16px;
  }
  .saved {
    color: var(--vel-ok);
  }
`;var Cs=[["mon","Monday"],["tue","Tuesday"],["wed","Wednesday"],["thu","Thursday"],["fri","Friday"],["sat","Saturday"],["sun","Sunday"]],Rs=[["no_answer","No answer"],["busy","Busy"],["voicemail","Voicemail"]],K=class extends m{constructor(){super(),this.doc=null,this.error="",this.fields={},this.saved="",this.busy=!1}connectedCallback(){super.connectedCallback(),this.load()}get admin(){return this.session?.role==="admin"}async load(){try{this.doc=await this.client.policy()}catch(t){this.error=g(t)}}set(t){if(!this.doc)return;let e=structuredClone(this.doc);t(e),this.doc=e,this.saved=""}setDay(t,e){this.set(s=>s.callingHours[t]=e)}async save(t){if(t.preventDefault(),!!this.doc){this.busy=!0,this.error="",this.fields={};try{this.doc=await this.client.setPolicy(this.doc),this.saved="Saved. Every server uses the new policy within 5 seconds."}catch(e){this.error=g(e),this.fields=S(e)}finally{this.busy=!1}}}num(t,e,s,i,r){let o=this.doc,d=this.fields[t];return n`<div class="field">
      <label for=${"p-"+t}>${e}</label>
      <input
        id=${"p-"+t}
        type="number"
        min=${s}
        max=${i}
        .value=${String(o[t])}
        ?disabled=${!this.admin}
        aria-invalid=${d?"true":"false"}
        aria-describedby=${"p-"+t+"-hint"}
        @change=${c=>this.set(p=>p[t]=Number(c.target.value))}
      />
      <span class="hint" id=${"p-"+t+"-hint"}>${d?n`<span class="field-error">${d}</span>`:r}</span>
    </div>`}render(){let t=this.doc;return n`<h1>Policy</h1>
      <p class="lead">The rules every callback of the tenant follows. ${this.admin?l:n`Only an admin changes them.`}</p>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      ${t?n`<form @submit=${this.save} novalidate>
            <section class="card" aria-labelledby="h-hours">
              <h2 id="h-hours">Calling hours</h2>
              <p class="hint">In each customer’s own time zone. A window is clipped to these hours; Dial is off outside them.</p>
              <table class="hours">
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Calling</th>
                    <th scope="col">From</th>
                    <th scope="col">Until</th>
                  </tr>
                </thead>
                <tbody>
                  ${Cs.map(([e,s])=>{let i=t.callingHours[e]??null,r=this.fields["callingHours."+e];return n`<tr data-day=${e}>
                      <th scope="row">${s}</th>
                      <td>
                        <label class="check"
                          ><input
                            type="checkbox"
                            name=${"open-"+e}
                            .checked=${!!i}
                            ?disabled=${!this.admin}
                            @change=${o=>this.setDay(e,o.target.checked?{start:"08:00",end:"21:00"}:null)}
                          />
                          Open</label
                        >
                      </td>
                      <td>
                        <input
                          type="time"
                          name=${"start-"+e}
                          aria-label=${s+" from"}
                          .value=${i?.start||""}
                          ?disabled=${!this.admin||!i}
                          aria-invalid=${r?"true":"false"}
                          @change=${o=>this.setDay(e,{start:o.target.value,end:i?.end||"21:00"})}
                        />
                      </td>
                      <td>
                        <input
                          type="time"
                          name=${"end-"+e}
                          aria-label=${s+" until"}
                          .value=${i?.end||""}
                          ?disabled=${!this.admin||!i}
                          aria-invalid=${r?"true":"false"}
                          @change=${o=>this.setDay(e,{start:i?.start||"08:00",end:o.target.value})}
                        />
                        ${r?n`<div class="field-error">${r}</div>`:l}
                      </td>
                    </tr>`})}
                </tbody>
              </table>
              ${this.fields.callingHours?n`<p class="field-error">${this.fields.callingHours}</p>`:l}
            </section>
            <section class="card" aria-labelledby="h-holidays">
              <h2 id="h-holidays">Holidays</h2>
              <p class="hint">No calling on these dates, in the customer’s time.</p>
              <ul class="holidays">
                ${(t.holidays||[]).map((e,s)=>n`<li>
                    ${ie(e)} <span class="muted mono">${e}</span>
                    ${this.fields["holidays["+s+"]"]?n`<span class="field-error">${this.fields["holidays["+s+"]"]}</span>`:l}
                    ${this.admin?n`<button type="button" class="small" aria-label=${"Remove the holiday "+e} @click=${()=>this.set(i=>i.holidays.splice(s,1))}>Remove</button>`:l}
                  </li>`)}
                ${(t.holidays||[]).length?l:n`<li class="muted">None.</li>`}
              </ul>
              ${this.admin?n`<div class="toolbar">
                    <div class="field"><label for="p-holiday">Add a date</label><input id="p-holiday" type="date" /></div>
                    <button
                      type="button"
                      @click=${()=>{let e=this.renderRoot.querySelector("#p-holiday");e.value&&!t.holidays.includes(e.value)&&this.set(s=>s.holidays=[...s.holidays||[],e.value].sort()),e.value=""}}
                    >
                      Add holiday
                    </button>
                  </div>`:l}
            </section>
            <section class="card" aria-labelledby="h-retries">
              <h2 id="h-retries">Retries, lease and fallback</h2>
              <div class="grid">
                ${this.num("maxAttempts","Attempts at most",1,20,"Then the callback fails.")}
                ${Rs.map(([e,s])=>{let i=this.fields["retryDelayMinutes."+e];return n`<div class="field">
                    <label for=${"p-retry-"+e}>Retry after “${s}” (minutes)</label>
                    <input
                      id=${"p-retry-"+e}
                      type="number"
                      min="1"
                      max="10080"
                      .value=${String(t.retryDelayMinutes[e]??"")}
                      ?disabled=${!this.admin}
                      aria-invalid=${i?"true":"false"}
                      @change=${r=>this.set(o=>o.retryDelayMinutes[e]=Number(r.target.value))}
                    />
                    ${i?n`<span class="field-error">${i}</span>`:l}
                  </div>`})}
                ${this.num("claimLeaseMinutes","Claim lease (minutes)",1,120,"How long a Dial holds a callback.")}
                ${this.num("teamFallbackMinutes","Team fallback (minutes overdue)",0,10080,"A personal callback overdue this long falls to its team; 0 never.")}
                ${this.num("maxDaysAhead","Furthest ahead (days)",1,365,"How far ahead a window may start.")}
              </div>
            </section>
            ${this.admin?n`<div class="actions">
                  <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy?"Saving…":"Save policy"}</button>
                  <button type="button" @click=${()=>{this.load()}}>Discard changes</button>
                  <span role="status" class="saved">${this.saved}</span>
                </div>`:l}
          </form>`:n`<p class="muted">Loading…</p>`}`}};K.styles=[v,x,zt],K.properties={client:{attribute:!1},session:{attribute:!1},doc:{state:!0},error:{state:!0},fields:{state:!0},saved:{state:!0},busy:{state:!0}};y("cdyx-console-policy",K);function Le(a,t){return n`<cdyx-console-dialog label=${a?.title||""} ?open=${!!a} @vel-close=${t}>
    <p>${a?.text}</p>
    <div slot="footer">
      <button type="button" class="keep" @click=${t}>Cancel</button>
      <button
        type="button"
        class="danger yes"
        @click=${()=>{let e=a?.run;t(),e?.()}}
      >
        ${a?.yes}
      </button>
    </div>
  </cdyx-console-dialog>`}var Kt=f`
  .cols {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr);
    gap: 16px;
    align-items: start;
  }
  @media (max-width: 1000px) {
    .cols {
      grid-template-columns: 1fr;
    }
  }
  .toolbar {
    margin-bottom: 8px;
  }
  form.stack {
    display: grid;
    gap: 10px;
  }
  .result {
    margin-top: 12px;
  }
`;var _s=50;function Ps(a){if(a.length<2)return"";let t=a.charCodeAt(a.length-1),e=a.slice(0,-1);return t>48?e+String.fromCharCode(t-1)+"9".repeat(16):e}var V=class extends m{constructor(){super(),this.items=[],this.next=null,this.prefix="",this.afters=[""],this.error="",this.notice="",this.fields={},this.report=null,this.busy=!1,this.ask=null}connectedCallback(){super.connectedCallback(),this.load()}get admin(){return this.session?.role==="admin"}async load(){try{let t=this.afters[this.afters.length-1]||Ps(this.prefix),e=await this.client.doNotCall(t,_s),s=e.items||[],i=e.nextAfter;if(this.prefix){let r=s.length;s=s.filter(o=>o.phoneNumber.startsWith(this.prefix)),s.length<r&&(i=null)}this.items=s,this.next=i,this.error=""}catch(t){this.error=g(t)}}async search(t){t.preventDefault();let e=this.renderRoot.querySelector("#dnc-q").value.trim(),s="";if(e){let i=e.replace(/[\s().-]/g,"");if(/^\+\d*$/.test(i))s=i;else try{s=(await this.client.lookup(e)).phoneNumber}catch(r){this.error=g(r);return}}this.prefix=s,this.afters=[""],await this.load()}async add(t){t.preventDefault();let e=t.target,s=e.querySelector("#dnc-phone").value.trim(),i=e.querySelector("#dnc-reason").value.trim();if(this.fields={},this.notice="",!s){this.fields={phoneNumber:"Enter the number."};return}try{let r=await this.client.addDoNotCall(s,i),o=(r.cancelled||[]).length;this.notice=(r.added?"Added "+s+".":s+" was already on the list.")+(o?" "+o+" open callback"+(o>1?"s were":" was")+" cancelled.":""),e.reset(),await this.load()}catch(r){this.fields=S(r),Object.keys(this.fields).length||(this.error=g(r))}}askRemove(t){this.ask={title:"Remove the number?",text:"Remove "+t.phoneNumber+" from the do-not-call list? It may be scheduled and called again.",yes:"Remove",run:()=>this.removeNow(t)}}async removeNow(t){try{await this.client.removeDoNotCall(t.phoneNumber),this.notice="Removed "+t.phoneNumber+".",await this.load()}catch(e){this.error=g(e)}}async import(t){t.preventDefault();let e=t.target,s=e.querySelector("#dnc-file").files?.[0],i=s?await s.text():e.querySelector("#dnc-csv").value;if(!i.trim()){this.fields={csv:"Choose a CSV file or paste its lines."};return}this.busy=!0,this.fields={};try{this.report=await this.client.importDoNotCall(i),e.reset(),await this.load()}catch(r){this.error=g(r)}finally{this.busy=!1}}importReport(t){let e=t.errors||[];return n`<div class="result" role="status">
      <p class=${"msg "+(e.length?"warn":"ok")}>
        ${t.lines} lines: ${t.added} added, ${t.alreadyListed} already listed${e.length?n`, ${e.length} refused`:l}${(t.cancelled||[]).length?n`; ${(t.cancelled||[]).length} open callbacks cancelled`:l}.
      </p>
      ${e.length?n`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">Line</th>
                  <th scope="col">Value</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                ${e.map(s=>n`<tr class="import-error">
                    <td class="num">${s.line}</td>
                    <td class="mono">${s.value}</td>
                    <td>${s.message}</td>
                  </tr>`)}
              </tbody>
            </table>
          </div>`:l}
    </div>`}render(){return n`<h1>Do-not-call</h1>
      <p class="lead">Numbers that are never scheduled or dialed. Adding one cancels its open callbacks.</p>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      ${this.notice?n`<p class="msg ok" role="status">${this.notice}</p>`:l}
      <div class="cols">
        <section class="card" aria-labelledby="h-list">
          <h2 id="h-list">The list</h2>
          <form class="toolbar" @submit=${this.search} role="search">
            <div class="field grow"><label for="dnc-q">Search by number</label><input id="dnc-q" type="search" placeholder="+1312 or (312) 555-0101" /></div>
            <button type="submit">Search</button>
          </form>
          ${this.prefix?n`<p class="hint">Numbers starting with <span class="mono">${this.prefix}</span>.</p>`:l}
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Added</th>
                  ${this.admin?n`<th scope="col"><span class="sr-only">Remove</span></th>`:l}
                </tr>
              </thead>
              <tbody>
                ${this.items.map(t=>n`<tr data-phone=${t.phoneNumber}>
                    <td class="mono">${t.phoneNumber}</td>
                    <td>${t.reason||n`<span class="muted">–</span>`}</td>
                    <td>${w(t.addedAt)} <span class="muted">by ${t.addedBy}</span></td>
                    ${this.admin?n`<td><button type="button" class="small danger" aria-label=${"Remove "+t.phoneNumber} @click=${()=>this.askRemove(t)}>Remove</button></td>`:l}
                  </tr>`)}
              </tbody>
            </table>
            ${this.items.length?l:n`<p class="empty">No number${this.prefix?" matches":" is listed"}.</p>`}
          </div>
          <div class="pager">
            <button type="button" class="small" ?disabled=${this.afters.length<2} @click=${()=>(this.afters=this.afters.slice(0,-1),void this.load())}>Previous</button>
            <button type="button" class="small" ?disabled=${!this.next} @click=${()=>(this.afters=[...this.afters,this.next],void this.load())}>Next</button>
          </div>
        </section>
        <div>
          <section class="card" aria-labelledby="h-add">
            <h2 id="h-add">Add a number</h2>
            <form @submit=${this.add} novalidate class="stack">
              <div class="field">
                <label for="dnc-phone">Number</label>
                <input id="dnc-phone" aria-invalid=${this.fields.phoneNumber?"true":"false"} aria-describedby="dnc-phone-err" />
                <span class="field-error" id="dnc-phone-err">${this.fields.phoneNumber||""}</span>
              </div>
              <div class="field"><label for="dnc-reason">Reason (optional)</label><input id="dnc-reason" /></div>
              <div><button type="submit" class="primary">Add to the list</button></div>
            </form>
          </section>
          ${Le(this.ask,()=>this.ask=null)}
          ${this.admin?n`<section class="card" aria-labelledby="h-import">
                <h2 id="h-import">Import a CSV</h2>
                <p class="hint">One number a line: <span class="mono">phoneNumber[,reason[,country]]</span>. Bad lines are reported by number; the good ones are kept.</p>
                <form @submit=${this.import} novalidate class="stack">
                  <div class="field"><label for="dnc-file">CSV file</label><input id="dnc-file" type="file" accept=".csv,text/csv,text/plain" /></div>
                  <div class="field">
                    <label for="dnc-csv">Or paste its lines</label>
                    <textarea id="dnc-csv" rows="5" aria-describedby="dnc-csv-err"></textarea>
                    <span class="field-error" id="dnc-csv-err">${this.fields.csv||""}</span>
                  </div>
                  <div><button type="submit" class="primary" ?disabled=${this.busy}>${this.busy?"Importing…":"Import"}</button></div>
                </form>
                ${this.report?this.importReport(this.report):l}
              </section>`:l}
        </div>
      </div>`}};V.styles=[v,x,Kt],V.properties={client:{attribute:!1},session:{attribute:!1},items:{state:!0},next:{state:!0},prefix:{state:!0},afters:{state:!0},error:{state:!0},notice:{state:!0},fields:{state:!0},report:{state:!0},busy:{state:!0},ask:{state:!0}};y("cdyx-console-do-not-call",V);var Vt=f`
  :host {
    display: inline-block;
  }
`;var j=class extends m{constructor(){super(),this.value="",this.label="Copy",this.done=""}async copy(){let t=!1;try{await navigator.clipboard.writeText(this.value),t=!0}catch{let e=document.createElement("textarea");e.value=this.value,e.setAttribute("readonly",""),e.style.position="fixed",e.style.opacity="0",this.renderRoot.appendChild(e),e.select(),t=document.execCommand("copy"),e.remove()}this.done=t?"Copied":"Copy failed: select the text and copy it",clearTimeout(this.timer),this.timer=setTimeout(()=>this.done="",2500),t&&this.dispatchEvent(new CustomEvent("vel-copied",{bubbles:!0,composed:!0}))}render(){return n`<button type="button" class="small" aria-label=${this.label} @click=${this.copy}>${this.done==="Copied"?"Copied ✓":"Copy"}</button
      ><span class="sr-only" role="status">${this.done}</span>`}};j.styles=[v,Vt],j.properties={value:{},label:{},done:{state:!0}};y("cdyx-console-copy",j);var jt=f`
  h3 {
    margin-top: 16px;
  }
  td.actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  select {
    width: auto;
  }
  .secret {
    margin-bottom: 12px;
  }
  .secret-row {
    display: flex;
    gap: 8px;
    align-items: center;
  }
`;var Wt=[["agent","Agent (the widgets)"],["supervisor","Supervisor"],["admin","Admin"],["integration","Integration"]],W=class extends m{constructor(){super(),this.accounts=[],this.keys=[],this.error="",this.fields={},this.secret=null,this.ask=null,this.notice=""}connectedCallback(){super.connectedCallback(),this.load()}async load(){try{let[t,e]=await Promise.all([this.client.accounts(),this.client.apiKeys()]);this.accounts=t.items||[],this.keys=e.items||[]}catch(t){this.error=g(t)}}async run(t,e){this.error="",this.notice="";try{await t(),this.notice=e,await this.load()}catch(s){this.error=g(s)}}async createAccount(t){t.preventDefault();let e=t.target,s=d=>e.querySelector("#"+d).value,i=s("a-username").trim(),r=s("a-role"),o=s("a-password");if(this.fields={},!i){this.fields={username:"Name the account."};return}try{let d=await this.client.createAccount(i,r,o||void 0),c=[];d.password&&c.push({label:"Password",value:d.password,id:"secret-password"}),c.push({label:"velocityAuth (for the desktop layout)",value:d.velocityAuth,id:"secret-auth"}),this.secret={title:"Account "+i+" created",items:c},e.reset(),await this.load()}catch(d){this.fields=S(d),Object.keys(this.fields).length||(this.error=g(d))}}async resetPassword(t){try{let e=await this.client.resetPassword(t.username);this.secret={title:"New password for "+t.username,items:[{label:"Password",value:e.password,id:"secret-password"},{label:"velocityAuth (for the desktop layout)",value:e.velocityAuth,id:"secret-auth"}]}}catch(e){this.error=g(e)}}async createKey(t){t.preventDefault();let e=t.target,s=e.querySelector("#k-name").value.trim();if(this.fields={},!s){this.fields={name:"Name the key, e.g. after the layout or system that uses it."};return}try{let i=await this.client.createApiKey(s);this.secret={title:"API key "+s+" created",items:[{label:"API key (velocityApiKey)",value:i.key,id:"secret-key"}]},e.reset(),await this.load()}catch(i){this.fields=S(i),Object.keys(this.fields).length||(this.error=g(i))}}secretDialog(){let t=this.secret;return n`<cdyx-console-dialog label=${t?.title||""} ?open=${!!t} @vel-close=${()=>this.secret=null}>
      <p class="msg warn">Copy ${t&&t.items.length>1?"these":"this"} now: it is shown only once and cannot be read again.</p>
      ${t?.items.map(e=>n`<div class="secret">
          <label for=${e.id}>${e.label}</label>
          <div class="secret-row">
            <input id=${e.id} class="mono" readonly .value=${e.value} @focus=${s=>s.target.select()} />
            <cdyx-console-copy .value=${e.value} label=${"Copy the "+e.label}></cdyx-console-copy>
          </div>
        </div>`)}
      <div slot="footer"><button type="button" class="primary" @click=${()=>this.secret=null}>Done</button></div>
    </cdyx-console-dialog>`}render(){let t=this.session?.username;return n`<h1>Accounts &amp; keys</h1>
      <p class="lead">
        Who may use Velocity. The widgets send an API key (velocityApiKey) and an agent account (velocityAuth); supervisors and admins sign in here.
      </p>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      ${this.notice?n`<p class="msg ok" role="status">${this.notice}</p>`:l}
      <section class="card" aria-labelledby="h-accounts">
        <h2 id="h-accounts">Accounts</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.accounts.map(e=>n`<tr data-username=${e.username}>
                  <th scope="row">${e.username}${e.username===t?n` <span class="muted">(you)</span>`:l}</th>
                  <td>
                    <select
                      aria-label=${"Role of "+e.username}
                      ?disabled=${e.username===t}
                      @change=${s=>{let i=s.target.value;this.run(()=>this.client.updateAccount(e.username,{role:i}),e.username+" is now "+i+".")}}
                    >
                      ${Wt.map(([s,i])=>n`<option value=${s} ?selected=${e.role===s}>${i}</option>`)}
                    </select>
                  </td>
                  <td>${w(e.createdAt)}</td>
                  <td>${e.disabledAt?n`<span class="badge failed">Disabled</span>`:n`<span class="badge completed">Active</span>`}</td>
                  <td class="actions">
                    ${e.disabledAt?n`<button type="button" class="small" @click=${()=>this.run(()=>this.client.updateAccount(e.username,{disabled:!1}),e.username+" is enabled.")}>Enable</button>`:n`<button
                          type="button"
                          class="small danger"
                          ?disabled=${e.username===t}
                          @click=${()=>this.ask={title:"Disable "+e.username+"?",text:"Requests with this account stop within 5 seconds, and its console sessions end.",yes:"Disable",run:()=>this.run(()=>this.client.updateAccount(e.username,{disabled:!0}),e.username+" is disabled.")}}
                        >
                          Disable
                        </button>`}
                    <button type="button" class="small" @click=${()=>this.resetPassword(e)}>Reset password</button>
                  </td>
                </tr>`)}
            </tbody>
          </table>
        </div>
        <h3>Create an account</h3>
        <form class="toolbar" @submit=${this.createAccount} novalidate>
          <div class="field">
            <label for="a-username">Username</label>
            <input id="a-username" autocomplete="off" aria-invalid=${this.fields.username?"true":"false"} aria-describedby="a-username-err" />
            <span class="field-error" id="a-username-err">${this.fields.username||""}</span>
          </div>
          <div class="field">
            <label for="a-role">Role</label>
            <select id="a-role">
              ${Wt.map(([e,s])=>n`<option value=${e}>${s}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="a-password">Password (optional)</label>
            <input id="a-password" type="password" autocomplete="new-password" placeholder="generated when empty" aria-describedby="a-password-err" />
            <span class="field-error" id="a-password-err">${this.fields.password||""}</span>
          </div>
          <button type="submit" class="primary">Create account</button>
        </form>
      </section>
      <section class="card" aria-labelledby="h-keys">
        <h2 id="h-keys">API keys</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.keys.map(e=>n`<tr data-key=${e.id}>
                  <th scope="row">${e.name}</th>
                  <td class="mono">${e.prefix}…</td>
                  <td>${w(e.createdAt)}</td>
                  <td>${e.revokedAt?n`<span class="badge failed">Revoked ${w(e.revokedAt)}</span>`:n`<span class="badge completed">Active</span>`}</td>
                  <td>
                    ${e.revokedAt?l:n`<button
                          type="button"
                          class="small danger"
                          @click=${()=>this.ask={title:"Revoke the key "+e.name+"?",text:"Widgets and systems that send it stop working within 5 seconds. This cannot be undone.",yes:"Revoke",run:()=>this.run(()=>this.client.revokeApiKey(e.id),"The key "+e.name+" is revoked.")}}
                        >
                          Revoke
                        </button>`}
                  </td>
                </tr>`)}
            </tbody>
          </table>
        </div>
        <h3>Create an API key</h3>
        <form class="toolbar" @submit=${this.createKey} novalidate>
          <div class="field">
            <label for="k-name">Name</label>
            <input id="k-name" autocomplete="off" placeholder="Desktop layout, production" aria-invalid=${this.fields.name?"true":"false"} aria-describedby="k-name-err" />
            <span class="field-error" id="k-name-err">${this.fields.name||""}</span>
          </div>
          <button type="submit" class="primary">Create key</button>
        </form>
      </section>
      ${this.secretDialog()} ${Le(this.ask,()=>this.ask=null)}`}};W.styles=[v,x,jt],W.properties={client:{attribute:!1},session:{attribute:!1},accounts:{state:!0},keys:{state:!0},error:{state:!0},fields:{state:!0},secret:{state:!0},ask:{state:!0},notice:{state:!0}};y("cdyx-console-accounts",W);var Gt=f`
  fieldset {
    border: 0;
    margin: 0 0 12px;
    padding: 0;
    display: grid;
    gap: 10px;
  }
  label.check {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    font-weight: 400;
    font-size: 14px;
    cursor: pointer;
    max-width: 720px;
  }
  label.check input {
    margin-top: 4px;
  }
  .field {
    max-width: 480px;
    margin-bottom: 12px;
  }
  .saved {
    color: var(--vel-ok);
  }
`;var G=class extends m{constructor(){super(),this.tenant=null,this.mode="off",this.error="",this.fields={},this.saved=""}connectedCallback(){super.connectedCallback(),this.load()}async load(){try{this.tenant=await this.client.tenant(),this.mode=this.tenant.agentIdentity==="webex"?"webex":"off"}catch(t){this.error=g(t)}}async save(t){t.preventDefault();let e=this.renderRoot.querySelector("#i-org")?.value.trim()||"";this.error="",this.fields={},this.saved="";try{this.tenant=await this.client.setIdentity(this.mode,e),this.saved=this.mode==="webex"?"Saved: agent accounts must now send the agent’s Webex access token.":"Saved: agent identity is not checked."}catch(s){this.fields=S(s),this.error=g(s)}}render(){let t=this.tenant;return n`<h1>Identity</h1>
      <p class="lead">How the widgets’ requests prove which agent they act for.</p>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      ${t?n`<section class="card" aria-labelledby="h-tenant">
              <h2 id="h-tenant">Tenant</h2>
              <dl class="facts">
                <dt>Name</dt>
                <dd>${t.name}</dd>
                <dt>Id</dt>
                <dd class="mono">${t.tenantId}</dd>
                <dt>Default country</dt>
                <dd>${t.defaultCountry}</dd>
                <dt>Default time zone</dt>
                <dd>${t.defaultTimezone}</dd>
              </dl>
            </section>
            <form class="card" @submit=${this.save} novalidate aria-labelledby="h-identity">
              <h2 id="h-identity">Agent identity</h2>
              <fieldset>
                <legend class="sr-only">Agent identity</legend>
                <label class="check"
                  ><input type="radio" name="mode" value="off" .checked=${this.mode==="off"} @change=${()=>this.mode="off"} />
                  <span><strong>Trust the widget</strong><br /><span class="hint">An agent account may act for any agent id it names. Anyone who can read the layout can act as any agent, with an agent’s permissions.</span></span></label
                >
                <label class="check"
                  ><input type="radio" name="mode" value="webex" .checked=${this.mode==="webex"} @change=${()=>this.mode="webex"} />
                  <span><strong>Prove it with Webex</strong><br /><span class="hint">Every agent-account request carries the agent’s Webex access token (the widget’s accessToken); the server checks it with Webex and acts as that person only.</span></span></label
                >
              </fieldset>
              ${this.mode==="webex"?n`<div class="field">
                    <label for="i-org">Webex organization id</label>
                    <input id="i-org" .value=${t.webexOrgId||""} aria-invalid=${this.fields.webexOrgId?"true":"false"} aria-describedby="i-org-hint" />
                    <span class="hint" id="i-org-hint">${this.fields.webexOrgId?n`<span class="field-error">${this.fields.webexOrgId}</span>`:"As Control Hub shows it (a UUID), or Webex’s base64 form."}</span>
                  </div>`:l}
              <div class="actions">
                <button type="submit" class="primary">Save</button>
                <span role="status" class="saved">${this.saved}</span>
              </div>
            </form>`:n`<p class="muted">Loading…</p>`}`}};G.styles=[v,x,Gt],G.properties={client:{attribute:!1},session:{attribute:!1},tenant:{state:!0},mode:{state:!0},error:{state:!0},fields:{state:!0},saved:{state:!0}};y("cdyx-console-identity",G);function Jt(a){let t={nav:{label:"Callbacks",icon:a.base+"/logo.svg",iconType:"other",navigateTo:"velocity-callback",align:"top"},page:{id:"velocity-callback",widgets:{"cdyx-vel-callback":{comp:"cdyx-vel-callback",script:a.base+"/assets/callback.js",attributes:{dark:"$STORE.app.darkMode"},properties:{accessToken:"$STORE.auth.accessToken",outdialEp:"$STORE.agent.outDialEp",velocityApiKey:a.apiKey,velocityAuth:a.auth,agentId:"$STORE.agent.agentId",teamId:"$STORE.agent.teamId",agentName:"$STORE.agent.agentName",outdialAni:"$STORE.agent.selectedOutdialANI",isOutboundEnabledForAgent:"$STORE.agent.isOutboundEnabledForAgent",callback:!0}}},layout:{areas:[["cdyx-vel-callback"]],size:{cols:[1],rows:[1]}}}};return JSON.stringify(t,null,2)}function Yt(a){let t={comp:"md-tab",attributes:{slot:"tab"},children:[{comp:"img",attributes:{src:a.base+"/logo.svg",height:16,width:16}},{comp:"span",textContent:"Callback"}]},e={comp:"md-tab-panel",attributes:{slot:"panel",class:"widget-pane"},children:[{comp:"dynamic-area",properties:{area:{id:"dw-panel-one",widgets:{"cdyx-vel-callback":{comp:"cdyx-vel-callback",script:a.base+"/assets/callback.js",attributes:{dark:"$STORE.app.darkMode"},properties:{accessToken:"$STORE.auth.accessToken",outdialEp:"$STORE.agent.outDialEp",velocityApiKey:a.apiKey,velocityAuth:a.auth,agentId:"$STORE.agent.agentId",teamId:"$STORE.agent.teamId",agentName:"$STORE.agent.agentName",taskSelected:"$STORE.agentContact.taskSelected",callbackCreate:!0}}},layout:{areas:[["cdyx-vel-callback"]],size:{cols:[1],rows:[1]}}}}}]};return JSON.stringify(t,null,2)+`,
`+JSON.stringify(e,null,2)}var Zt=f`
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
    gap: 12px 16px;
  }
  .row {
    display: flex;
    gap: 6px;
    margin-top: 6px;
    align-items: center;
  }
  .section-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 12px;
  }
  pre {
    max-height: 480px;
  }
`;var J=class extends m{constructor(){super(),this.server=location.origin,this.apiKey="",this.auth="",this.error="",this.made=""}async makeKey(){this.error="";try{let t=await this.client.createApiKey("Desktop layout "+new Date().toISOString().slice(0,10));this.apiKey=t.key,this.made="A new API key was created ("+t.apiKey.name+"); it is in the snippets below and shown nowhere else."}catch(t){this.error=g(t)}}async makeAccount(){this.error="";let t=this.renderRoot.querySelector("#s-user").value.trim()||"desktop-widgets";try{let e=await this.client.createAccount(t,"agent");this.auth=e.velocityAuth,this.made="The agent account "+t+" was created for the widgets; its velocityAuth is in the snippets below and shown nowhere else."}catch(e){this.error=g(e)}}render(){let t={base:this.server.replace(/\/+$/,""),apiKey:this.apiKey,auth:this.auth},e=Jt(t),s=Yt(t);return n`<h1>Layout snippets</h1>
      <p class="lead">
        Paste these into the desktop layout JSON of your agents (Control Hub, Desktop Layouts): the Callbacks page into
        <span class="mono">agent &gt; area &gt; navigation</span>, the Callback panel tab into <span class="mono">agent &gt; area &gt; panel &gt; children</span>.
      </p>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l} ${this.made?n`<p class="msg ok" role="status">${this.made}</p>`:l}
      <section class="card" aria-labelledby="h-values">
        <h2 id="h-values">Values</h2>
        <div class="grid">
          <div class="field">
            <label for="s-server">Velocity server</label>
            <input id="s-server" .value=${this.server} @input=${i=>this.server=i.target.value} aria-describedby="s-server-hint" />
            <span class="hint" id="s-server-hint">The address agents’ browsers reach this server at (https in production).</span>
          </div>
          <div class="field">
            <label for="s-key">API key (velocityApiKey)</label>
            <input id="s-key" class="mono" .value=${this.apiKey} @input=${i=>this.apiKey=i.target.value.trim()} />
            <div class="row"><button type="button" class="small" @click=${this.makeKey}>Create a new key</button></div>
          </div>
          <div class="field">
            <label for="s-auth">Widget account (velocityAuth)</label>
            <input id="s-auth" class="mono" .value=${this.auth} @input=${i=>this.auth=i.target.value.trim()} aria-describedby="s-auth-hint" />
            <span class="hint" id="s-auth-hint">Base64 of username:password of an agent account.</span>
            <div class="row">
              <label for="s-user" class="sr-only">Username of the new account</label>
              <input id="s-user" placeholder="desktop-widgets" />
              <button type="button" class="small" @click=${this.makeAccount}>Create an agent account</button>
            </div>
          </div>
        </div>
        ${!this.apiKey||!this.auth?n`<p class="msg warn">Fill in the API key and the widget account: the widgets cannot reach Velocity without them.</p>`:l}
      </section>
      <section class="card" aria-labelledby="h-page">
        <div class="section-head">
          <h2 id="h-page">The Callbacks page</h2>
          <cdyx-console-copy .value=${e} label="Copy the Callbacks page snippet"></cdyx-console-copy>
        </div>
        <pre id="snippet-page" tabindex="0" aria-labelledby="h-page">${e}</pre>
      </section>
      <section class="card" aria-labelledby="h-panel">
        <div class="section-head">
          <h2 id="h-panel">The Callback panel tab</h2>
          <cdyx-console-copy .value=${s} label="Copy the Callback panel snippet"></cdyx-console-copy>
        </div>
        <pre id="snippet-panel" tabindex="0" aria-labelledby="h-panel">${s}</pre>
      </section>`}};J.styles=[v,x,Zt],J.properties={client:{attribute:!1},session:{attribute:!1},server:{state:!0},apiKey:{state:!0},auth:{state:!0},error:{state:!0},made:{state:!0}};y("cdyx-console-snippets",J);var Xt=f`
  form.filters {
    margin-bottom: 16px;
  }
  .ba {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    gap: 8px;
    margin-top: 6px;
  }
  pre {
    max-height: 240px;
  }
  summary {
    cursor: pointer;
    white-space: nowrap;
  }
`;var Is=50,Y=class extends m{constructor(){super();this.filter=new URLSearchParams;this.items=[],this.next=null,this.befores=[""],this.error=""}connectedCallback(){super.connectedCallback(),this.load()}async load(){let e=new URLSearchParams(this.filter);e.set("limit",String(Is));let s=this.befores[this.befores.length-1];s&&e.set("before",s);try{let i=await this.client.audit(e);this.items=i.items||[],this.next=i.nextBefore,this.error=""}catch(i){this.error=g(i)}}apply(e){e.preventDefault();let s=this.renderRoot.querySelector("form.filters"),i=o=>s.elements.namedItem(o).value.trim(),r=new URLSearchParams;i("actor")&&r.set("actor",i("actor")),i("kind")&&r.set("kind",i("kind")),i("from")&&r.set("from",new Date(i("from")+"T00:00:00").toISOString()),i("to")&&r.set("to",new Date(new Date(i("to")+"T00:00:00").getTime()+864e5).toISOString()),this.filter=r,this.befores=[""],this.load()}json(e){return e==null?"–":JSON.stringify(e,null,2)}render(){return n`<h1>Audit</h1>
      <p class="lead">Every change by a supervisor, admin or integration account, and every change to the settings, newest first. Agents’ own changes are in each callback’s history.</p>
      <form class="filters card toolbar" @submit=${this.apply} aria-label="Filters">
        <div class="field"><label for="au-actor">Account</label><input id="au-actor" name="actor" /></div>
        <div class="field"><label for="au-kind">Kind</label><input id="au-kind" name="kind" placeholder="callbacks.bulk" /></div>
        <div class="field"><label for="au-from">From</label><input id="au-from" name="from" type="date" /></div>
        <div class="field"><label for="au-to">To (included)</label><input id="au-to" name="to" type="date" /></div>
        <button type="submit" class="primary">Show</button>
      </form>
      ${this.error?n`<p class="msg error" role="alert">${this.error}</p>`:l}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            ${this.items.map(e=>n`<tr data-kind=${e.kind}>
                <td>${w(e.at)}</td>
                <td>${e.actor} <span class="muted">(${e.actorRole}${e.agentId?", as "+e.agentId:""})</span><div class="muted mono">${e.remote}</div></td>
                <td class="mono">${e.kind}</td>
                <td class="mono">${e.target||"–"}</td>
                <td>
                  <details>
                    <summary>Before and after</summary>
                    <div class="ba">
                      <div><div class="label">Before</div><pre>${this.json(e.before)}</pre></div>
                      <div><div class="label">After</div><pre>${this.json(e.after)}</pre></div>
                    </div>
                  </details>
                </td>
              </tr>`)}
          </tbody>
        </table>
        ${this.items.length?l:n`<p class="empty">Nothing recorded for these filters.</p>`}
      </div>
      <div class="pager">
        <button type="button" class="small" ?disabled=${this.befores.length<2} @click=${()=>(this.befores=this.befores.slice(0,-1),void this.load())}>Newer</button>
        <button type="button" class="small" ?disabled=${!this.next} @click=${()=>(this.befores=[...this.befores,String(this.next)],void this.load())}>Older</button>
      </div>`}};Y.styles=[v,x,Xt],Y.properties={client:{attribute:!1},session:{attribute:!1},items:{state:!0},next:{state:!0},befores:{state:!0},error:{state:!0}};y("cdyx-console-audit",Y);function Qt(a,t,e,s){switch(a){case"callbacks":return n`<cdyx-console-callbacks .client=${t} .session=${e} .query=${s}></cdyx-console-callbacks>`;case"dashboard":return n`<cdyx-console-dashboard .client=${t} .session=${e} .query=${s}></cdyx-console-dashboard>`;case"policy":return n`<cdyx-console-policy .client=${t} .session=${e}></cdyx-console-policy>`;case"do-not-call":return n`<cdyx-console-do-not-call .client=${t} .session=${e}></cdyx-console-do-not-call>`;case"accounts":return n`<cdyx-console-accounts .client=${t} .session=${e}></cdyx-console-accounts>`;case"identity":return n`<cdyx-console-identity .client=${t} .session=${e}></cdyx-console-identity>`;case"layout":return n`<cdyx-console-snippets .client=${t} .session=${e}></cdyx-console-snippets>`;case"audit":return n`<cdyx-console-audit .client=${t} .session=${e}></cdyx-console-audit>`}return n`<h1>Not found</h1>`}var es=f`
  :host {
    display: flex;
    justify-content: center;
    padding: 8vh 16px;
  }
  .box {
    width: min(400px, 100%);
    background: var(--vel-bg);
    border: 1px solid var(--vel-border);
    border-radius: 12px;
    padding: 24px;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 10px;
    font-weight: 600;
    font-size: 16px;
    margin-bottom: 16px;
  }
  h1 {
    font-size: 22px;
    margin: 0 0 4px;
  }
  form {
    display: grid;
    gap: 12px;
    margin-top: 16px;
  }
  button[type='submit'] {
    justify-self: start;
  }
`;var ts="velocity-console-tenant",Z=class extends m{constructor(){super(),this.notice="",this.busy=!1,this.error=""}firstUpdated(){let t=this.renderRoot.querySelector("#tenant");try{t.value=localStorage.getItem(ts)||""}catch{}(t.value?this.renderRoot.querySelector("#username"):t).focus()}async submit(t){t.preventDefault();let e=t.target,s=r=>e.querySelector("#"+r).value,i=s("tenant").trim();this.busy=!0,this.error="";try{let r=await this.client.signIn(i,s("username").trim(),s("password"));try{localStorage.setItem(ts,i)}catch{}this.dispatchEvent(new CustomEvent("vel-signed-in",{detail:{session:r},bubbles:!0,composed:!0}))}catch(r){this.error=Ls(r),e.querySelector("#password").select()}finally{this.busy=!1}}render(){return n`<main class="box">
      <div class="brand"><img src="/logo.svg" alt="" width="32" height="32" /> <span>Velocity console</span></div>
      <h1>Sign in</h1>
      <p class="hint">For supervisor and admin accounts. Agents use the Callbacks widgets in the Webex Contact Center Desktop.</p>
      ${this.notice?n`<p class="msg warn" role="status">${this.notice}</p>`:l}
      <form @submit=${this.submit} novalidate>
        <div><label for="tenant">Tenant</label><input id="tenant" name="tenant" autocomplete="organization" required /></div>
        <div><label for="username">Username</label><input id="username" name="username" autocomplete="username" required /></div>
        <div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required /></div>
        ${this.error?n`<p class="msg error" role="alert" id="sign-in-error">${this.error}</p>`:l}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy?"Signing in…":"Sign in"}</button>
      </form>
    </main>`}};Z.styles=[v,es],Z.properties={client:{attribute:!1},notice:{},busy:{state:!0},error:{state:!0}};function Ls(a){if(a instanceof R){switch(a.status){case 401:return"The tenant, username or password is not right.";case 403:return"This account cannot use the console: "+a.message;case 429:return"Too many failed sign-ins for this account; wait a minute and try again."}return a.message}return a instanceof Error?a.message:String(a)}y("cdyx-console-sign-in",Z);var ss=f`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--vel-surface);
  }
  .checking {
    padding: 48px;
  }
  .skip {
    position: absolute;
    left: 8px;
    top: -60px;
    background: var(--vel-bg);
    z-index: 10;
  }
  .skip:focus {
    top: 8px;
  }
  header.top {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 16px;
    flex-wrap: wrap;
    padding: 8px 20px;
    background: var(--vel-bg);
    border-bottom: 1px solid var(--vel-border);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 600;
    font-size: 16px;
  }
  .who {
    display: flex;
    align-items: center;
    gap: 12px;
    flex-wrap: wrap;
  }
  .who button[aria-pressed='true'] {
    background: var(--vel-surface-2);
  }
  .tenant {
    font-weight: 600;
  }
  .role {
    color: var(--vel-text-2);
  }
  .shell {
    display: grid;
    grid-template-columns: 200px minmax(0, 1fr);
    min-height: calc(100vh - 50px);
  }
  nav {
    padding: 16px 8px;
    border-right: 1px solid var(--vel-border);
    background: var(--vel-bg);
  }
  nav ul {
    list-style: none;
    margin: 0 0 12px;
    padding: 0;
  }
  nav h2.group {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--vel-text-2);
    margin: 12px 10px 4px;
  }
  nav a {
    display: block;
    padding: 6px 10px;
    border-radius: var(--vel-radius);
    color: var(--vel-text);
    text-decoration: none;
  }
  nav a:hover {
    background: var(--vel-hover);
  }
  nav a[aria-current='page'] {
    background: var(--vel-info-bg);
    font-weight: 600;
    box-shadow: inset 3px 0 0 var(--vel-accent);
  }
  main {
    padding: 20px 24px 48px;
    min-width: 0;
  }
  main:focus {
    outline: none;
  }
  @media (max-width: 760px) {
    .shell {
      grid-template-columns: 1fr;
    }
    nav {
      border-right: 0;
      border-bottom: 1px solid var(--vel-border);
    }
  }
`;var me=["supervisor","admin"],Xe=["admin"],Qe=[{page:"callbacks",label:"Callbacks",roles:me},{page:"dashboard",label:"Dashboard",roles:me},{page:"policy",label:"Policy",roles:me,group:"Settings"},{page:"do-not-call",label:"Do-not-call",roles:me,group:"Settings"},{page:"accounts",label:"Accounts & keys",roles:Xe,group:"Settings"},{page:"identity",label:"Identity",roles:Xe,group:"Settings"},{page:"layout",label:"Layout snippets",roles:Xe,group:"Settings"},{page:"audit",label:"Audit",roles:me,group:"Settings"}],X=class extends m{constructor(){super();this.client=new Se;this.onHash=()=>{let e=this.route.page;this.route=Ve(),this.route.page!==e&&(this.focusMain=!0)};this.onEnded=()=>{this.session&&(this.session=null,this.client.csrf="",this.notice="Your session has ended (signed out, idle for too long, or too old). Sign in again to go on where you were.")};this.focusMain=!1;this.session=null,this.checking=!0,this.route=Ve(),this.notice="",this.theme=wt(),this.dark=Te(this.theme)}connectedCallback(){super.connectedCallback(),window.addEventListener("hashchange",this.onHash),window.addEventListener(Ee,this.onEnded),this.unwatch=kt(()=>this.dark=Te(this.theme)),this.resume()}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("hashchange",this.onHash),window.removeEventListener(Ee,this.onEnded),this.unwatch?.()}async resume(){try{this.signedIn(await this.client.session())}catch{this.session=null}finally{this.checking=!1}}signedIn(e){this.client.csrf=e.csrfToken,this.session=e,this.notice="",this.focusMain=!0}async signOut(){try{await this.client.signOut()}catch(e){console.warn("[velocity] sign-out",g(e))}this.session=null,this.client.csrf="",this.notice="You signed out."}toggleTheme(){this.theme=this.dark?"light":"dark",xt(this.theme),this.dark=Te(this.theme)}updated(e){e.has("dark")&&(document.documentElement.style.colorScheme=this.dark?"dark":"light",document.body.style.background=this.dark?"#1f1f1f":"#f7f7f7",e.get("dark")!==void 0&&this.updateComplete.then(()=>window.dispatchEvent(new Event(_))));let s=Qe.find(i=>i.page===this.route.page);document.title=(this.session?(s?s.label:"Not found")+" · ":"Sign in · ")+"Velocity console",this.focusMain&&this.session&&(this.focusMain=!1,this.renderRoot.querySelector("main")?.focus({preventScroll:!1}))}nav(e){let s=Qe.filter(r=>r.roles.includes(e)),i=r=>n`<li><a href=${ee(r.page)} aria-current=${r.page===this.route.page?"page":"false"}>${r.label}</a></li>`;return n`<nav aria-label="Console">
      <ul>
        ${s.filter(r=>!r.group).map(i)}
      </ul>
      <h2 class="group" id="nav-settings">Settings</h2>
      <ul aria-labelledby="nav-settings">
        ${s.filter(r=>r.group==="Settings").map(i)}
      </ul>
    </nav>`}page(e){let s=Qe.find(i=>i.page===this.route.page);return s?s.roles.includes(e.role)?Qt(s.page,this.client,e,this.route.query):n`<h1>${s.label}</h1><p class="msg warn">This page is for admin accounts.</p>`:n`<h1>Not found</h1><p>There is no page "${this.route.page}". <a href=${ee("callbacks")}>Callbacks</a></p>`}render(){if(this.checking)return n`<p class="checking" role="status">Loading the console…</p>`;let e=this.session;return e?n`<header class="top">
        <button type="button" class="skip" @click=${()=>this.renderRoot.querySelector("main")?.focus()}>Skip to content</button>
        <div class="brand"><img src="/logo.svg" alt="" width="24" height="24" /> Velocity console</div>
        <div class="who">
          <span class="tenant" title="Tenant">${e.tenant}</span>
          <span>${e.username} <span class="role">(${e.role})</span></span>
          <button type="button" class="small" aria-pressed=${String(this.dark)} @click=${this.toggleTheme}>Dark theme</button>
          <button type="button" class="small" @click=${this.signOut}>Sign out</button>
        </div>
      </header>
      <div class="shell">
        ${this.nav(e.role)}
        <main id="main" tabindex="-1">${this.page(e)}</main>
      </div>`:n`<cdyx-console-sign-in
        .client=${this.client}
        .notice=${this.notice}
        @vel-signed-in=${s=>this.signedIn(s.detail.session)}
      ></cdyx-console-sign-in>`}};X.styles=[$t,v,ss],X.properties={session:{state:!0},checking:{state:!0},route:{state:!0},notice:{state:!0},theme:{state:!0},dark:{type:Boolean,reflect:!0}};y("cdyx-console",X);})();
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
lit-html/directive.js:
lit-html/directives/repeat.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/directive-helpers.js:
  (**
   * @license
   * Copyright 2020 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/

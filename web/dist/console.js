"use strict";(()=>{var ae=globalThis,ne=ae.ShadowRoot&&(ae.ShadyCSS===void 0||ae.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,Ee=Symbol(),Ke=new WeakMap,J=class{constructor(t,e,s){if(this._$cssResult$=!0,s!==Ee)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(ne&&t===void 0){let s=e!==void 0&&e.length===1;s&&(t=Ke.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),s&&Ke.set(e,t))}return t}toString(){return this.cssText}},We=a=>new J(typeof a=="string"?a:a+"",void 0,Ee),b=(a,...t)=>{let e=a.length===1?a[0]:t.reduce((s,r,i)=>s+(n=>{if(n._$cssResult$===!0)return n.cssText;if(typeof n=="number")return n;throw Error("Value passed to 'css' function must be a 'css' function result: "+n+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+a[i+1],a[0]);return new J(e,a,Ee)},Ge=(a,t)=>{if(ne)a.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let s=document.createElement("style"),r=ae.litNonce;r!==void 0&&s.setAttribute("nonce",r),s.textContent=e.cssText,a.appendChild(s)}},Ae=ne?a=>a:a=>a instanceof CSSStyleSheet?(t=>{let e="";for(let s of t.cssRules)e+=s.cssText;return We(e)})(a):a;var{is:Ot,defineProperty:qt,getOwnPropertyDescriptor:Ft,getOwnPropertyNames:Ht,getOwnPropertySymbols:zt,getPrototypeOf:Vt}=Object,oe=globalThis,Ye=oe.trustedTypes,jt=Ye?Ye.emptyScript:"",Kt=oe.reactiveElementPolyfillSupport,Z=(a,t)=>a,Ce={toAttribute(a,t){switch(t){case Boolean:a=a?jt:null;break;case Object:case Array:a=a==null?a:JSON.stringify(a)}return a},fromAttribute(a,t){let e=a;switch(t){case Boolean:e=a!==null;break;case Number:e=a===null?null:Number(a);break;case Object:case Array:try{e=JSON.parse(a)}catch{e=null}}return e}},Ze=(a,t)=>!Ot(a,t),Je={attribute:!0,type:String,converter:Ce,reflect:!1,useDefault:!1,hasChanged:Ze};Symbol.metadata??=Symbol("metadata"),oe.litPropertyMetadata??=new WeakMap;var S=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=Je){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let s=Symbol(),r=this.getPropertyDescriptor(t,s,e);r!==void 0&&qt(this.prototype,t,r)}}static getPropertyDescriptor(t,e,s){let{get:r,set:i}=Ft(this.prototype,t)??{get(){return this[e]},set(n){this[e]=n}};return{get:r,set(n){let d=r?.call(this);i?.call(this,n),this.requestUpdate(t,d,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??Je}static _$Ei(){if(this.hasOwnProperty(Z("elementProperties")))return;let t=Vt(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(Z("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(Z("properties"))){let e=this.properties,s=[...Ht(e),...zt(e)];for(let r of s)this.createProperty(r,e[r])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[s,r]of e)this.elementProperties.set(s,r)}this._$Eh=new Map;for(let[e,s]of this.elementProperties){let r=this._$Eu(e,s);r!==void 0&&this._$Eh.set(r,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let s=new Set(t.flat(1/0).reverse());for(let r of s)e.unshift(Ae(r))}else t!==void 0&&e.push(Ae(t));return e}static _$Eu(t,e){let s=e.attribute;return s===!1?void 0:typeof s=="string"?s:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Ge(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){let s=this.constructor.elementProperties.get(t),r=this.constructor._$Eu(t,s);if(r!==void 0&&s.reflect===!0){let i=(s.converter?.toAttribute!==void 0?s.converter:Ce).toAttribute(e,s.type);this._$Em=t,i==null?this.removeAttribute(r):this.setAttribute(r,i),this._$Em=null}}_$AK(t,e){let s=this.constructor,r=s._$Eh.get(t);if(r!==void 0&&this._$Em!==r){let i=s.getPropertyOptions(r),n=typeof i.converter=="function"?{fromAttribute:i.converter}:i.converter?.fromAttribute!==void 0?i.converter:Ce;this._$Em=r;let d=n.fromAttribute(e,i.type);this[r]=d??this._$Ej?.get(r)??d,this._$Em=null}}requestUpdate(t,e,s,r=!1,i){if(t!==void 0){let n=this.constructor;if(r===!1&&(i=this[t]),s??=n.getPropertyOptions(t),!((s.hasChanged??Ze)(i,e)||s.useDefault&&s.reflect&&i===this._$Ej?.get(t)&&!this.hasAttribute(n._$Eu(t,s))))return;this.C(t,e,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:r,wrapped:i},n){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,n??e??this[t]),i!==!0||n!==void 0)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),r===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[r,i]of this._$Ep)this[r]=i;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[r,i]of s){let{wrapped:n}=i,d=this[r];n!==!0||this._$AL.has(r)||d===void 0||this.C(r,void 0,i,d)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(e)):this._$EM()}catch(s){throw t=!1,this._$EM(),s}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};S.elementStyles=[],S.shadowRootOptions={mode:"open"},S[Z("elementProperties")]=new Map,S[Z("finalized")]=new Map,Kt?.({ReactiveElement:S}),(oe.reactiveElementVersions??=[]).push("2.1.2");var _e=globalThis,Xe=a=>a,le=_e.trustedTypes,Qe=le?le.createPolicy("lit-html",{createHTML:a=>a}):void 0,Re="$lit$",E=`lit$${Math.random().toFixed(9).slice(2)}$`,Pe="?"+E,Wt=`<${Pe}>`,M=document,Q=()=>M.createComment(""),ee=a=>a===null||typeof a!="object"&&typeof a!="function",Ie=Array.isArray,at=a=>Ie(a)||typeof a?.[Symbol.iterator]=="function",Te=`[ 	
\f\r]`,X=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,et=/-->/g,tt=/>/g,I=RegExp(`>|${Te}(?:([^\\s"'>=/]+)(${Te}*=${Te}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),st=/'/g,rt=/"/g,nt=/^(?:script|style|textarea|title)$/i,Le=a=>(t,...e)=>({_$litType$:a,strings:t,values:e}),o=Le(1),ms=Le(2),gs=Le(3),A=Symbol.for("lit-noChange"),c=Symbol.for("lit-nothing"),it=new WeakMap,L=M.createTreeWalker(M,129);function ot(a,t){if(!Ie(a)||!a.hasOwnProperty("raw"))throw Error("invalid template strings array");return Qe!==void 0?Qe.createHTML(t):t}var lt=(a,t)=>{let e=a.length-1,s=[],r,i=t===2?"<svg>":t===3?"<math>":"",n=X;for(let d=0;d<e;d++){let l=a[d],h,u,p=-1,m=0;for(;m<l.length&&(n.lastIndex=m,u=n.exec(l),u!==null);)m=n.lastIndex,n===X?u[1]==="!--"?n=et:u[1]!==void 0?n=tt:u[2]!==void 0?(nt.test(u[2])&&(r=RegExp("</"+u[2],"g")),n=I):u[3]!==void 0&&(n=I):n===I?u[0]===">"?(n=r??X,p=-1):u[1]===void 0?p=-2:(p=n.lastIndex-u[2].length,h=u[1],n=u[3]===void 0?I:u[3]==='"'?rt:st):n===rt||n===st?n=I:n===et||n===tt?n=X:(n=I,r=void 0);let g=n===I&&a[d+1].startsWith("/>")?" ":"";i+=n===X?l+Wt:p>=0?(s.push(h),l.slice(0,p)+Re+l.slice(p)+E+g):l+E+(p===-2?d:g)}return[ot(a,i+(a[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]},te=class a{constructor({strings:t,_$litType$:e},s){let r;this.parts=[];let i=0,n=0,d=t.length-1,l=this.parts,[h,u]=lt(t,e);if(this.el=a.createElement(h,s),L.currentNode=this.el.content,e===2||e===3){let p=this.el.content.firstChild;p.replaceWith(...p.childNodes)}for(;(r=L.nextNode())!==null&&l.length<d;){if(r.nodeType===1){if(r.hasAttributes())for(let p of r.getAttributeNames())if(p.endsWith(Re)){let m=u[n++],g=r.getAttribute(p).split(E),v=/([.?@])?(.*)/.exec(m);l.push({type:1,index:i,name:v[2],strings:g,ctor:v[1]==="."?de:v[1]==="?"?he:v[1]==="@"?pe:B}),r.removeAttribute(p)}else p.startsWith(E)&&(l.push({type:6,index:i}),r.removeAttribute(p));if(nt.test(r.tagName)){let p=r.textContent.split(E),m=p.length-1;if(m>0){r.textContent=le?le.emptyScript:"";for(let g=0;g<m;g++)r.append(p[g],Q()),L.nextNode(),l.push({type:2,index:++i});r.append(p[m],Q())}}}else if(r.nodeType===8)if(r.data===Pe)l.push({type:2,index:i});else{let p=-1;for(;(p=r.data.indexOf(E,p+1))!==-1;)l.push({type:7,index:i}),p+=E.length-1}i++}}static createElement(t,e){let s=M.createElement("template");return s.innerHTML=t,s}};function N(a,t,e=a,s){if(t===A)return t;let r=s!==void 0?e._$Co?.[s]:e._$Cl,i=ee(t)?void 0:t._$litDirective$;return r?.constructor!==i&&(r?._$AO?.(!1),i===void 0?r=void 0:(r=new i(a),r._$AT(a,e,s)),s!==void 0?(e._$Co??=[])[s]=r:e._$Cl=r),r!==void 0&&(t=N(a,r._$AS(a,t.values),r,s)),t}var ce=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:s}=this._$AD,r=(t?.creationScope??M).importNode(e,!0);L.currentNode=r;let i=L.nextNode(),n=0,d=0,l=s[0];for(;l!==void 0;){if(n===l.index){let h;l.type===2?h=new j(i,i.nextSibling,this,t):l.type===1?h=new l.ctor(i,l.name,l.strings,this,t):l.type===6&&(h=new ue(i,this,t)),this._$AV.push(h),l=s[++d]}n!==l?.index&&(i=L.nextNode(),n++)}return L.currentNode=M,r}p(t){let e=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}},j=class a{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,r){this.type=2,this._$AH=c,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=N(this,t,e),ee(t)?t===c||t==null||t===""?(this._$AH!==c&&this._$AR(),this._$AH=c):t!==this._$AH&&t!==A&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):at(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==c&&ee(this._$AH)?this._$AA.nextSibling.data=t:this.T(M.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:s}=t,r=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=te.createElement(ot(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===r)this._$AH.p(e);else{let i=new ce(r,this),n=i.u(this.options);i.p(e),this.T(n),this._$AH=i}}_$AC(t){let e=it.get(t.strings);return e===void 0&&it.set(t.strings,e=new te(t)),e}k(t){Ie(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,s,r=0;for(let i of t)r===e.length?e.push(s=new a(this.O(Q()),this.O(Q()),this,this.options)):s=e[r],s._$AI(i),r++;r<e.length&&(this._$AR(s&&s._$AB.nextSibling,r),e.length=r)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let s=Xe(t).nextSibling;Xe(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},B=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,r,i){this.type=1,this._$AH=c,this._$AN=void 0,this.element=t,this.name=e,this._$AM=r,this.options=i,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=c}_$AI(t,e=this,s,r){let i=this.strings,n=!1;if(i===void 0)t=N(this,t,e,0),n=!ee(t)||t!==this._$AH&&t!==A,n&&(this._$AH=t);else{let d=t,l,h;for(t=i[0],l=0;l<i.length-1;l++)h=N(this,d[s+l],e,l),h===A&&(h=this._$AH[l]),n||=!ee(h)||h!==this._$AH[l],h===c?t=c:t!==c&&(t+=(h??"")+i[l+1]),this._$AH[l]=h}n&&!r&&this.j(t)}j(t){t===c?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},de=class extends B{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===c?void 0:t}},he=class extends B{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==c)}},pe=class extends B{constructor(t,e,s,r,i){super(t,e,s,r,i),this.type=5}_$AI(t,e=this){if((t=N(this,t,e,0)??c)===A)return;let s=this._$AH,r=t===c&&s!==c||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,i=t!==c&&(s===c||r);r&&this.element.removeEventListener(this.name,this,s),i&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},ue=class{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){N(this,t)}},ct={M:Re,P:E,A:Pe,C:1,L:lt,R:ce,D:at,V:N,I:j,H:B,N:he,U:pe,B:de,F:ue},Gt=_e.litHtmlPolyfillSupport;Gt?.(te,j),(_e.litHtmlVersions??=[]).push("3.3.3");var dt=(a,t,e)=>{let s=e?.renderBefore??t,r=s._$litPart$;if(r===void 0){let i=e?.renderBefore??null;s._$litPart$=r=new j(t.insertBefore(Q(),i),i,void 0,e??{})}return r._$AI(a),r};var Me=globalThis,f=class extends S{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=dt(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return A}};f._$litElement$=!0,f.finalized=!0,Me.litElementHydrateSupport?.({LitElement:f});var Yt=Me.litElementPolyfillSupport;Yt?.({LitElement:f});(Me.litElementVersions??=[]).push("4.2.2");var ht=b`
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
`,y=b`
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
`;var C=class extends Error{constructor(e){super(e.detail||e.title||e.code||"HTTP "+e.status);this.problem=e}get status(){return this.problem.status}get code(){return this.problem.code}};var ge="vel-session-ended",me=class{constructor(t=""){this.csrf="";this.root=t+"/api/v1"}async req(t,e,s={}){let r={Accept:"application/json",...s.headers};t!=="GET"&&t!=="HEAD"&&this.csrf&&(r["X-CSRF-Token"]=this.csrf);let i;s.raw?(r["Content-Type"]=s.raw.type,i=s.raw.body):s.body!==void 0&&(r["Content-Type"]="application/json",i=JSON.stringify(s.body));let n;try{n=await fetch(this.root+e,{method:t,headers:r,body:i,credentials:"same-origin"})}catch{throw new C({status:0,code:"network",detail:"Cannot reach the Velocity server."})}let d=await n.text(),l;if(d)try{l=JSON.parse(d)}catch{l=void 0}if(!n.ok){let h=l&&typeof l=="object"?l:{},u=new C({...h,status:n.status,code:h.code||"http_"+n.status,detail:h.detail||h.title||n.statusText});return n.status===401&&!s.own401&&window.dispatchEvent(new CustomEvent(ge,{detail:{message:u.message}})),Promise.reject(u)}return l}session(){return this.req("GET","/session",{own401:!0})}signIn(t,e,s){return this.req("POST","/session",{body:{tenant:t,username:e,password:s},own401:!0})}signOut(){return this.req("DELETE","/session",{own401:!0})}search(t){return this.req("GET","/callbacks/search?"+t)}exportURL(t){return this.root+"/callbacks/export.csv"+(t.toString()?"?"+t:"")}callback(t){return this.req("GET","/callbacks/"+encodeURIComponent(t))}history(t){return this.req("GET","/callbacks/"+encodeURIComponent(t)+"/history")}bulk(t){return this.req("POST","/callbacks/bulk",{body:t})}eventToken(t="",e=""){return this.req("POST","/events/token",{body:{agentId:t,teamId:e}})}policy(){return this.req("GET","/policy")}setPolicy(t){return this.req("PATCH","/policy",{body:t})}doNotCall(t,e){let s=new URLSearchParams({limit:String(e)});return t&&s.set("after",t),this.req("GET","/do-not-call?"+s)}addDoNotCall(t,e){return this.req("POST","/do-not-call",{body:{phoneNumber:t,reason:e}})}importDoNotCall(t){return this.req("POST","/do-not-call/import",{raw:{body:t,type:"text/csv"}})}removeDoNotCall(t){return this.req("DELETE","/do-not-call/"+encodeURIComponent(t))}lookup(t){return this.req("GET","/phone-numbers/lookup?"+new URLSearchParams({number:t}))}accounts(){return this.req("GET","/accounts")}createAccount(t,e,s){return this.req("POST","/accounts",{body:s?{username:t,role:e,password:s}:{username:t,role:e}})}updateAccount(t,e){return this.req("PATCH","/accounts/"+encodeURIComponent(t),{body:e})}resetPassword(t){return this.req("POST","/accounts/"+encodeURIComponent(t)+"/password")}apiKeys(){return this.req("GET","/api-keys")}createApiKey(t){return this.req("POST","/api-keys",{body:{name:t}})}revokeApiKey(t){return this.req("DELETE","/api-keys/"+encodeURIComponent(t))}tenant(){return this.req("GET","/tenant")}setIdentity(t,e){return this.req("PATCH","/tenant/identity",{body:{agentIdentity:t,webexOrgId:e}})}report(t,e){return this.req("GET","/reports/"+t+"?"+e)}reportCSV(t,e){let s=new URLSearchParams(e);return s.set("format","csv"),this.root+"/reports/"+t+"?"+s}audit(t){return this.req("GET","/audit?"+t)}};function x(a){if(a instanceof C){let t=a.problem.fields;return t&&t.length?a.message+" "+t.map(e=>e.field+": "+e.message).join("; "):a.message}return a instanceof Error?a.message:String(a)}function pt(a){let t={};if(a instanceof C)for(let e of a.problem.fields||[])t[e.field]=e.message;return t}function Ne(){let a=location.hash.replace(/^#\/?/,""),[t,e]=a.split("?",2);return{page:t||"callbacks",query:new URLSearchParams(e||"")}}function K(a,t){let e=t instanceof URLSearchParams?t.toString():new URLSearchParams(t||{}).toString();return"#/"+a+(e?"?"+e:"")}function fe(a,t,e=!1){let s=K(a,t);location.hash!==s&&(e?(history.replaceState(null,"",s),window.dispatchEvent(new HashChangeEvent("hashchange"))):location.hash=s)}var Be="velocity-console-theme",De=typeof matchMedia=="function"?matchMedia("(prefers-color-scheme: dark)"):null;function ut(){try{let a=localStorage.getItem(Be);if(a==="light"||a==="dark")return a}catch{}return"system"}function mt(a){try{a==="system"?localStorage.removeItem(Be):localStorage.setItem(Be,a)}catch{}}function be(a){return a==="dark"||a==="system"&&!!De?.matches}function gt(a){return De?.addEventListener("change",a),()=>De?.removeEventListener("change",a)}var T="vel-theme";var ft={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},bt=a=>(...t)=>({_$litDirective$:a,values:t}),ve=class{constructor(t){}get _$AU(){return this._$AM._$AU}_$AT(t,e,s){this._$Ct=t,this._$AM=e,this._$Ci=s}_$AS(t,e){return this.update(t,e)}update(t,e){return this.render(...e)}};var{I:Jt}=ct,vt=a=>a;var yt=()=>document.createComment(""),W=(a,t,e)=>{let s=a._$AA.parentNode,r=t===void 0?a._$AB:t._$AA;if(e===void 0){let i=s.insertBefore(yt(),r),n=s.insertBefore(yt(),r);e=new Jt(i,n,a,a.options)}else{let i=e._$AB.nextSibling,n=e._$AM,d=n!==a;if(d){let l;e._$AQ?.(a),e._$AM=a,e._$AP!==void 0&&(l=a._$AU)!==n._$AU&&e._$AP(l)}if(i!==r||d){let l=e._$AA;for(;l!==i;){let h=vt(l).nextSibling;vt(s).insertBefore(l,r),l=h}}}return e},_=(a,t,e=a)=>(a._$AI(t,e),a),Zt={},wt=(a,t=Zt)=>a._$AH=t,$t=a=>a._$AH,ye=a=>{a._$AR(),a._$AA.remove()};var xt=(a,t,e)=>{let s=new Map;for(let r=t;r<=e;r++)s.set(a[r],r);return s},kt=bt(class extends ve{constructor(a){if(super(a),a.type!==ft.CHILD)throw Error("repeat() can only be used in text expressions")}dt(a,t,e){let s;e===void 0?e=t:t!==void 0&&(s=t);let r=[],i=[],n=0;for(let d of a)r[n]=s?s(d,n):n,i[n]=e(d,n),n++;return{values:i,keys:r}}render(a,t,e){return this.dt(a,t,e).values}update(a,[t,e,s]){let r=$t(a),{values:i,keys:n}=this.dt(t,e,s);if(!Array.isArray(r))return this.ut=n,i;let d=this.ut??=[],l=[],h,u,p=0,m=r.length-1,g=0,v=i.length-1;for(;p<=m&&g<=v;)if(r[p]===null)p++;else if(r[m]===null)m--;else if(d[p]===n[g])l[g]=_(r[p],i[g]),p++,g++;else if(d[m]===n[v])l[v]=_(r[m],i[v]),m--,v--;else if(d[p]===n[v])l[v]=_(r[p],i[v]),W(a,l[v+1],r[p]),p++,v--;else if(d[m]===n[g])l[g]=_(r[m],i[g]),W(a,r[p],r[m]),m--,g++;else if(h===void 0&&(h=xt(n,g,v),u=xt(d,p,m)),h.has(d[p]))if(h.has(d[m])){let k=u.get(n[g]),Se=k!==void 0?r[k]:null;if(Se===null){let je=W(a,r[p]);_(je,i[g]),l[g]=je}else l[g]=_(Se,i[g]),W(a,r[p],Se),r[k]=null;g++}else ye(r[m]),m--;else ye(r[p]),p++;for(;g<=v;){let k=W(a,l[v+1]);_(k,i[g]),l[g++]=k}for(;p<=m;){let k=r[p++];k!==null&&ye(k)}return this.ut=n,wt(a,l),A}});var Xt=["created","updated","claimed","released","attempted","completed","failed","cancelled","due","fallback"],we=class{constructor(t,e,s,r){this.api=t;this.agentId=e;this.teamId=s;this.h=r;this.stopped=!1;this.failures=0}start(){this.stopped=!1,this.connect()}stop(){this.stopped=!0,clearTimeout(this.timer),this.es?.close(),this.es=void 0,this.h.state("stopped")}async connect(){if(this.stopped)return;this.h.state(this.failures?"retrying":"connecting");let t;try{t=(await this.api.eventToken(this.agentId,this.teamId)).token}catch(i){this.retry(i instanceof Error?i.message:String(i));return}if(this.stopped)return;let e=new EventSource(this.api.root+"/events?token="+encodeURIComponent(t));this.es=e;let s=!1;e.onopen=()=>{this.es===e&&(s=!0,this.failures=0,this.h.state("live"),this.h.resync())};let r=i=>{if(this.es===e)try{this.h.event(JSON.parse(i.data))}catch{}};for(let i of Xt)e.addEventListener(i,r);e.onmessage=r,e.onerror=()=>{this.es===e&&(e.close(),this.es=void 0,this.retry(s?"The live connection dropped.":"The live connection could not be opened."))}}retry(t){if(this.stopped)return;this.failures++;let e=Math.min(3e4,500*2**Math.min(this.failures-1,6));this.h.state("retrying",t),clearTimeout(this.timer),this.timer=setTimeout(()=>{this.connect()},e)}};var Qt=new Set(["sort","order","limit","cursor"]),Ue=new Set(["q","team","agent","assigned","status","windowFrom","windowTo","overdue","dueNow","minAttempts","createdBy","tz"]),Oe={endFrom:"Window ends from",endTo:"Window ends before",createdFrom:"Created from",createdTo:"Created before",claimedBy:"Being dialed by",closedFrom:"Closed from",closedTo:"Closed before",closeReason:"Close reason",closedBy:"Closed by",firstDialFrom:"First dial from",firstDialTo:"First dial before",firstOutcome:"First outcome",firstInWindow:"First dial in window",firstDialBy:"First dialed by",fellBack:"Fell back to the team",fellBackFrom:"Fell back from",fellBackTo:"Fell back before",fellBackAgent:"Fell back from agent"};function G(a){let t=new URLSearchParams;for(let[e,s]of a)!Qt.has(e)&&s!==""&&t.append(e,s);return t}function St(a,t,e){let s=G(a);for(let r of["sort","order"]){let i=a.get(r);i&&s.set(r,i)}return s.set("limit",String(e)),t&&s.set("cursor",t),s}function Et(a){let t={};for(let[e,s]of G(a)){let r=t[e];t[e]=r===void 0?s:Array.isArray(r)?[...r,s]:[r,s]}return t}function At(a){for(let t of G(a).keys())if(t!=="tz")return!0;return!1}function se(a){return a.split(",").map(t=>t.trim()).filter(Boolean)}var es=new Intl.DateTimeFormat(void 0,{month:"short",day:"numeric",hour:"2-digit",minute:"2-digit"}),ts=new Intl.DateTimeFormat(void 0,{year:"numeric",month:"short",day:"numeric",hour:"2-digit",minute:"2-digit"}),ss=new Intl.DateTimeFormat(void 0,{year:"numeric",month:"short",day:"numeric"});function $(a){if(!a)return"";let t=new Date(a);return isNaN(t.getTime())?a:(t.getFullYear()===new Date().getFullYear()?es:ts).format(t)}function $e(a){let t=/^\d{4}-\d{2}-\d{2}$/.test(a)?new Date(a+"T12:00:00"):new Date(a);return isNaN(t.getTime())?a:ss.format(t)}function D(a){if(a==null||!isFinite(a))return"–";let t=a<0,e=Math.round(Math.abs(a)),s;if(e<60)s=e+" s";else if(e<3600)s=Math.round(e/60)+" min";else if(e<86400){let r=Math.floor(e/3600),i=Math.round(e%3600/60);s=r+" h"+(i?" "+i+" min":"")}else e=Math.round(e/3600),s=Math.floor(e/24)+" d"+(e%24?" "+e%24+" h":"");return t?"−"+s:s}var rs=new Intl.NumberFormat;function xe(a){return a==null?"–":rs.format(a)}function Y(a){return a==null||!isFinite(a)?"–":(Math.round(a*1e3)/10).toString()+"%"}function qe(a){let t=e=>String(e).padStart(2,"0");return a.getFullYear()+"-"+t(a.getMonth()+1)+"-"+t(a.getDate())}function ke(){try{return Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC"}catch{return"UTC"}}var re={scheduled:"Scheduled",claimed:"Being dialed",completed:"Completed",failed:"Failed",cancelled:"Cancelled"},Ct={connected:"Connected",declined:"Declined",reached_inbound:"Reached on an inbound call",max_attempts:"Attempts ran out",invalid_number:"Invalid number",customer:"Cancelled for the customer",do_not_call:"Do-not-call list",supervisor:"Cancelled by a supervisor"};var R=b`
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
`;var Tt=b`
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
`;var U=class extends f{constructor(){super();this.opener=null;this.label="",this.open=!1,this.wide=!1}get dialog(){return this.renderRoot.querySelector("dialog")}close(){this.open&&(this.open=!1)}updated(e){let s=this.dialog;!s||!e.has("open")||(this.open&&!s.open?(this.opener=is(),s.showModal(),this.focusFirst()):!this.open&&s.open&&s.close())}async focusFirst(){let e=this.querySelector("[autofocus], input:not([type=hidden]), select, textarea, button")||this.firstElementChild,s=e?.updateComplete;s&&await s,e?.focus(),this.matches(":focus-within")||this.renderRoot.querySelector("button.close")?.focus()}onClose(){this.open=!1;let e=this.opener;this.opener=null,e&&e.isConnected&&e.focus(),this.dispatchEvent(new CustomEvent("vel-close",{bubbles:!0,composed:!0}))}onCancel(e){e.stopPropagation()}render(){return o`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose} @cancel=${this.onCancel}>
      <header>
        <h2 id="title">${this.label}</h2>
        <button class="close small" type="button" aria-label="Close" @click=${()=>this.close()}>✕</button>
      </header>
      <div class="body"><slot></slot></div>
      <footer><slot name="footer"></slot></footer>
    </dialog>`}};U.styles=[y,Tt],U.properties={label:{},open:{type:Boolean,reflect:!0},wide:{type:Boolean,reflect:!0}};function is(){let a=document.activeElement;for(;a&&a.shadowRoot&&a.shadowRoot.activeElement;)a=a.shadowRoot.activeElement;return a}function w(a,t){customElements.get(a)||customElements.define(a,t)}w("cdyx-console-dialog",U);var _t=b`
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
`;var as={created:"Created",updated:"Changed",claimed:"Claimed for dialing",released:"Claim released",attempted:"Dial recorded",completed:"Completed",failed:"Failed",cancelled:"Cancelled",due:"Window opened",fallback:"Fell back to the team"},O=class extends f{constructor(){super();this.loadedFor="";this.history=null,this.error=""}willUpdate(e){e.has("callback")&&this.callback&&this.loadedFor!==this.callback.id+"@"+this.callback.version&&(this.loadedFor=this.callback.id+"@"+this.callback.version,this.load(this.callback.id))}async load(e){try{let s=await this.client.history(e);e===this.callback.id&&(this.history=s.items||[]),this.error=""}catch(s){this.error=x(s)}}ask(e){this.dispatchEvent(new CustomEvent("vel-action",{detail:{action:e},bubbles:!0,composed:!0}))}details(e){let s=[],r=e.data||{};for(let[i,n]of Object.entries(r)){if(n==null||n==="")continue;let d=typeof n=="object"?JSON.stringify(n):String(n);s.push(i+": "+(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(d)?$(d):d))}return e.before&&(e.before.agentId!==e.callback?.agentId||e.before.teamId!==e.callback?.teamId)&&s.push("from "+(e.before.agentId||"the team")+" ("+e.before.teamId+") to "+(e.callback?.agentId||"the team")+" ("+e.callback?.teamId+")"),s.join(" · ")}render(){let e=this.callback;if(!e)return c;let s=e.facts,r=e.status==="scheduled"||e.status==="claimed";return o`<div class="cols">
        <dl class="facts">
          <dt>Status</dt>
          <dd><span class="badge ${e.status}">${re[e.status]||e.status}</span>${e.claimedBy&&e.status==="claimed"?o` by ${e.claimedBy}`:c}</dd>
          <dt>Customer</dt>
          <dd>${e.customerName||"–"}</dd>
          <dt>Number</dt>
          <dd class="mono">${e.phoneNumber}</dd>
          <dt>Customer's zone</dt>
          <dd>${e.timezone}</dd>
          <dt>Window</dt>
          <dd>${$(e.windowStart)} – ${$(e.windowEnd)}</dd>
          <dt>Team</dt>
          <dd>${e.teamId}</dd>
          <dt>Agent</dt>
          <dd>${e.agentId||"None (the team’s)"}</dd>
          <dt>Attempts</dt>
          <dd>${e.attempts} of ${e.maxAttempts}${e.lastOutcome?" · last: "+e.lastOutcome.replace("_"," "):""}</dd>
          <dt>Notes</dt>
          <dd>${e.notes||"–"}</dd>
          ${e.reason?o`<dt>Reason</dt><dd>${e.reason}</dd>`:c}
          <dt>Created</dt>
          <dd>${$(e.createdAt)} by ${e.createdBy||"–"}</dd>
          <dt>Id</dt>
          <dd class="mono">${e.id}</dd>
        </dl>
        ${s?o`<dl class="facts">
              <dt>First dial</dt>
              <dd>${s.firstAttemptAt?$(s.firstAttemptAt)+" by "+s.firstAttemptBy+" ("+(s.firstOutcome||"").replace("_"," ")+")":"–"}</dd>
              <dt>Window start to first dial</dt>
              <dd>${s.firstDelaySeconds===null?"–":D(s.firstDelaySeconds)}${s.firstInWindow===null?"":s.firstInWindow?", inside the window":", outside the window"}</dd>
              <dt>Fell back to the team</dt>
              <dd>${s.fellBackAt?$(s.fellBackAt)+" from "+s.fellBackFrom:"No"}</dd>
              <dt>Closed</dt>
              <dd>${s.closedAt?$(s.closedAt)+": "+(Ct[s.closeReason]||s.closeReason)+(s.closedBy?" ("+s.closedBy+")":""):"–"}</dd>
            </dl>`:c}
      </div>
      <div class="actions buttons">
        <button type="button" class="small" ?disabled=${!r} @click=${()=>this.ask("reassign")}>Reassign…</button>
        <button type="button" class="small" ?disabled=${!r} @click=${()=>this.ask("reschedule")}>Reschedule…</button>
        <button type="button" class="small danger" ?disabled=${!r} @click=${()=>this.ask("cancel")}>Cancel callback…</button>
      </div>
      <h3>History</h3>
      ${this.error?o`<p class="msg error" role="alert">${this.error}</p>`:c}
      ${this.history===null?o`<p class="muted">Loading…</p>`:o`<ol class="history">
            ${this.history.map(i=>o`<li>
                <span class="at">${$(i.at)}</span>
                <strong>${as[i.type]||i.type}</strong>
                <span class="muted">${i.actor?.agentId||i.actor?.account||"scheduler"}</span>
                ${this.details(i)?o`<div class="detail">${this.details(i)}</div>`:c}
              </li>`)}
          </ol>`}`}};O.styles=[y,R,_t],O.properties={client:{attribute:!1},callback:{attribute:!1},history:{state:!0},error:{state:!0}};w("cdyx-console-callback-detail",O);var Rt=b`
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
`;var P=class extends f{constructor(){super(),this.ids=null,this.filter=null,this.labels=new Map,this.kind="reassign",this.to="agent",this.when="window",this.busy=!1,this.error="",this.fields={},this.result=null}willUpdate(t){t.has("action")&&this.action&&(this.kind=this.action==="shift"?"reschedule":this.action)}get target(){return this.ids?this.ids.length===1?"1 callback":this.ids.length+" callbacks":"every callback that matches the filter"}async submit(t){t.preventDefault();let e=t.target,s=n=>(e.elements.namedItem(n)?.value||"").trim(),r={action:"reassign"};this.ids?r.ids=this.ids:r.filter=this.filter||{};let i={};switch(this.kind){case"reassign":r.action="reassign",this.to==="agent"?(r.agentId=s("agentId"),r.agentId||(i.agentId="Name the agent.")):r.toTeam=!0,s("teamId")&&(r.teamId=s("teamId"));break;case"reschedule":if(this.when==="window"){r.action="reschedule";let n=s("windowStart");n?r.windowStart=new Date(n).toISOString():i.windowStart="Pick when the new window starts.",s("windowEnd")&&(r.windowEnd=new Date(s("windowEnd")).toISOString())}else{r.action="shift";let n=Number(s("hours"));n?r.hours=n:i.hours="Give a number of hours other than 0 (negative moves windows earlier)."}break;case"cancel":r.action="cancel",r.reason=s("reason"),r.reason||(i.reason="Say why they are cancelled; the reason goes to each callback’s history.");break}if(this.fields=i,Object.keys(i).length){this.error="",this.updateComplete.then(()=>this.renderRoot.querySelector('[aria-invalid="true"]')?.focus());return}this.busy=!0,this.error="";try{this.result=await this.client.bulk(r),this.dispatchEvent(new CustomEvent("vel-bulk-done",{detail:{result:this.result},bubbles:!0,composed:!0})),this.updateComplete.then(()=>this.renderRoot.querySelector("#result")?.focus())}catch(n){this.error=x(n);let d=pt(n);for(let l of Object.keys(d))d[l.replace(/^filter\..*/,"filter")]=d[l];this.fields=d}finally{this.busy=!1}}field(t,e,s,r=""){let i=this.fields[t];return o`<div class="field">
      <label for=${"b-"+t}>${e}</label>
      ${s} ${r?o`<span class="hint" id=${"b-"+t+"-hint"}>${r}</span>`:c}
      ${i?o`<span class="field-error" id=${"b-"+t+"-err"}>${i}</span>`:c}
    </div>`}input(t,e="text",s={}){let r=this.fields[t];return o`<input
      id=${"b-"+t}
      name=${t}
      type=${e}
      step=${s.step||c}
      placeholder=${s.placeholder||c}
      aria-invalid=${r?"true":"false"}
      aria-describedby=${r?"b-"+t+"-err":c}
    />`}results(t){let e=t.items.filter(i=>!i.ok),s=t.items.filter(i=>i.ok),r=i=>this.labels.get(i)||i;return o`<div id="result" tabindex="-1" class="result" role="status">
      <p class=${"msg "+(t.failed?"warn":"ok")}>
        ${t.succeeded} of ${t.total} changed${t.failed?o`; ${t.failed} refused (listed below, the rest went ahead)`:c}.
      </p>
      ${e.length?o`<h3>Refused</h3>
            <ul class="items">
              ${e.map(i=>o`<li class="fail" data-id=${i.id}><strong>${r(i.id)}</strong>: ${i.message||i.code}</li>`)}
            </ul>`:c}
      ${s.length?o`<details ?open=${s.length<=10}>
            <summary>Changed (${s.length})</summary>
            <ul class="items">
              ${s.map(i=>o`<li class="ok" data-id=${i.id}>${r(i.id)}</li>`)}
            </ul>
          </details>`:c}
    </div>`}render(){if(this.result)return this.results(this.result);let t=(e,s,r,i,n)=>o`<label class="check"><input type="radio" name=${e} .value=${s} .checked=${r===s} @change=${()=>n(s)} /> ${i}</label>`;return o`<form @submit=${this.submit} novalidate>
      <p>Changes ${this.target}. Each is changed on its own; one an agent is dialing right now is left alone.</p>
      <fieldset>
        <legend>Change</legend>
        ${t("kind","reassign",this.kind,"Reassign",e=>this.kind=e)} ${t("kind","reschedule",this.kind,"Reschedule",e=>this.kind=e)}
        ${t("kind","cancel",this.kind,"Cancel",e=>this.kind=e)}
      </fieldset>
      ${this.kind==="reassign"?o`<fieldset>
              <legend>To</legend>
              ${t("to","agent",this.to,"An agent",e=>this.to=e)} ${t("to","team",this.to,"The team (no agent)",e=>this.to=e)}
            </fieldset>
            ${this.to==="agent"?this.field("agentId","Agent id",this.input("agentId","text",{placeholder:"agent-1"})):c}
            ${this.field("teamId","Move to team (optional)",this.input("teamId"),"Leave empty to keep each callback’s team.")}`:c}
      ${this.kind==="reschedule"?o`<fieldset>
              <legend>How</legend>
              ${t("when","window",this.when,"A new window",e=>this.when=e)} ${t("when","shift",this.when,"Shift by hours",e=>this.when=e)}
            </fieldset>
            ${this.when==="window"?o`${this.field("windowStart","Window starts",this.input("windowStart","datetime-local"),"In your time zone; clipped to each customer’s calling hours.")}
                ${this.field("windowEnd","Window ends (optional)",this.input("windowEnd","datetime-local"))}`:this.field("hours","Hours",this.input("hours","number",{step:"0.5",placeholder:"2"}),"Negative moves windows earlier.")}`:c}
      ${this.kind==="cancel"?this.field("reason","Reason",this.input("reason"),"Kept in each callback’s history and the audit trail."):c}
      ${this.fields.filter?o`<p class="field-error">${this.fields.filter}</p>`:c}
      ${this.error?o`<p class="msg error" role="alert">${this.error}</p>`:c}
      <div class="actions">
        <button type="submit" class=${this.kind==="cancel"?"danger":"primary"} ?disabled=${this.busy}>
          ${this.busy?"Applying…":this.kind==="cancel"?"Cancel "+this.target:"Apply to "+this.target}
        </button>
      </div>
    </form>`}};P.styles=[y,R,Rt],P.shadowRootOptions={...f.shadowRootOptions,delegatesFocus:!0},P.properties={client:{attribute:!1},action:{attribute:!1},ids:{attribute:!1},filter:{attribute:!1},labels:{attribute:!1},kind:{state:!0},to:{state:!0},when:{state:!0},busy:{state:!0},error:{state:!0},fields:{state:!0},result:{state:!0}};w("cdyx-console-bulk",P);var Pt=b`
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
`;var Fe=["scheduled","claimed","completed","failed","cancelled"],It=[25,50,100,200],ns=600,q=class extends f{constructor(){super();this.seq=0;this.shownKey=null;this.enterOn="";this.query=new URLSearchParams,this.items=[],this.next=null,this.cursors=[""],this.loading=!1,this.error="",this.selected=new Map,this.allMatching=!1,this.live="connecting",this.detail=null,this.bulk=null,this.active="",this.announce=""}connectedCallback(){super.connectedCallback(),this.stream=new we(this.client,"","",{event:e=>this.onEvent(e),resync:()=>this.refreshSoon(),state:e=>this.live=e}),this.stream.start()}disconnectedCallback(){super.disconnectedCallback(),this.stream?.stop(),clearTimeout(this.timer)}willUpdate(e){if(e.has("query")){let s=this.query.toString();s!==this.shownKey&&(this.shownKey=s,this.cursors=[""],this.allMatching=!1,this.load())}}get limit(){let e=Number(this.query.get("limit"));return It.includes(e)?e:50}async load(){let e=++this.seq;this.loading=!0;try{let s=this.cursors[this.cursors.length-1],r=await this.client.search(St(this.query,s,this.limit));if(e!==this.seq)return;this.items=r.items||[],this.next=r.nextCursor,this.error="",this.items.some(i=>i.id===this.active)||(this.active=this.items[0]?.id||"")}catch(s){if(e!==this.seq)return;this.error=x(s)}finally{e===this.seq&&(this.loading=!1)}}refreshSoon(){clearTimeout(this.timer),this.timer=setTimeout(()=>{this.load()},ns)}onEvent(e){let s=e.callback;if(s){let r=this.items.findIndex(i=>i.id===s.id);if(r>=0){let i=this.items.slice();i[r]={...i[r],...s,facts:i[r].facts},this.items=i}this.detail&&this.detail.id===s.id&&(this.detail={...this.detail,...s})}this.refreshSoon()}setFilters(e){e.has("windowFrom")||e.has("windowTo")?e.has("tz")||e.set("tz",ke()):e.delete("tz"),fe("callbacks",e,!0)}onFilterChange(e){e.preventDefault();let s=this.renderRoot.querySelector("form.filters"),r=h=>s.elements.namedItem(h)?.value.trim()||"",i=h=>!!s.elements.namedItem(h)?.checked,n=new URLSearchParams;for(let[h,u]of this.query)Ue.has(h)||n.append(h,u);r("q")&&n.set("q",r("q"));for(let h of se(r("team")))n.append("team",h);for(let h of se(r("agent")))n.append("agent",h);r("assigned")&&n.set("assigned",r("assigned"));let d=Fe.filter(h=>i("status-"+h));d.length&&d.length<Fe.length&&n.set("status",d.join(",")),r("windowFrom")&&n.set("windowFrom",r("windowFrom")),r("windowTo")&&n.set("windowTo",r("windowTo")),i("overdue")&&n.set("overdue","true"),i("dueNow")&&n.set("dueNow","true");let l=Number(r("minAttempts"));l>0&&n.set("minAttempts",String(Math.floor(l))),r("createdBy")&&n.set("createdBy",r("createdBy")),r("sort")&&r("sort")!=="windowStart"&&n.set("sort",r("sort")),r("order")==="desc"&&n.set("order","desc"),r("limit")&&r("limit")!=="50"&&n.set("limit",r("limit")),this.setFilters(n)}removeParam(e){let s=new URLSearchParams(this.query);s.delete(e),this.setFilters(s)}clearFilters(){let e=new URLSearchParams;for(let s of["sort","order","limit"])this.query.get(s)&&e.set(s,this.query.get(s));this.setFilters(e)}nextPage(){this.next&&(this.cursors=[...this.cursors,this.next],this.load())}prevPage(){this.cursors.length<2||(this.cursors=this.cursors.slice(0,-1),this.load())}toggle(e,s){let r=new Map(this.selected),i=s??!r.has(e.id);i?r.set(e.id,e):r.delete(e.id),this.selected=r,this.allMatching=!1,this.announce=(i?"Selected ":"Unselected ")+(e.customerName||e.phoneNumber)+". "+r.size+" selected."}togglePage(e){let s=new Map(this.selected);for(let r of this.items)e?s.set(r.id,r):s.delete(r.id);this.selected=s,this.allMatching=!1}clearSelection(){this.selected=new Map,this.allMatching=!1}rowKey(e,s){if(e.target!==e.currentTarget)return;let r=this.items.findIndex(n=>n.id===s.id),i=n=>{let d=this.items[Math.max(0,Math.min(this.items.length-1,n))];d&&(this.active=d.id,this.updateComplete.then(()=>this.renderRoot.querySelector(`tr[data-id="${CSS.escape(d.id)}"]`)?.focus()))};switch(e.key){case"Enter":e.preventDefault(),this.enterOn=s.id;break;case" ":e.preventDefault(),this.toggle(s);break;case"ArrowDown":e.preventDefault(),i(r+1);break;case"ArrowUp":e.preventDefault(),i(r-1);break;case"Home":e.preventDefault(),i(0);break;case"End":e.preventDefault(),i(this.items.length-1);break}}rowKeyUp(e,s){if(e.key!=="Enter"||e.target!==e.currentTarget)return;let r=this.enterOn;this.enterOn="",r===s.id&&this.open(s)}rowClick(e,s){e.target.closest("input, button, a")||(this.active=s.id,this.open(s))}open(e){this.detail=e}startBulk(e,s){this.bulk={action:e,ids:s}}bulkDone(e){let s=e.items.filter(i=>!i.ok).map(i=>i.id),r=new Map;for(let i of s){let n=this.selected.get(i)||this.items.find(d=>d.id===i);n&&r.set(i,n)}this.selected=r,this.allMatching=!1,this.load()}filtersForm(){let e=this.query,s=(e.get("status")||"").split(",").filter(Boolean),r=[...G(e)].filter(([i])=>!Ue.has(i));return o`<form class="filters card" @submit=${this.onFilterChange} @change=${this.onFilterChange} aria-label="Filters">
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
        <div class="field"><label for="f-from">Window from</label><input id="f-from" name="windowFrom" type="date" .value=${e.get("windowFrom")||""} /></div>
        <div class="field"><label for="f-to">Window before</label><input id="f-to" name="windowTo" type="date" .value=${e.get("windowTo")||""} /></div>
        <div class="field"><label for="f-min">Attempts at least</label><input id="f-min" name="minAttempts" type="number" min="0" max="20" .value=${e.get("minAttempts")||""} /></div>
        <div class="field"><label for="f-by">Created by</label><input id="f-by" name="createdBy" .value=${e.get("createdBy")||""} /></div>
      </div>
      <div class="row2">
        <fieldset class="statuses">
          <legend>Status</legend>
          ${Fe.map(i=>o`<label class="check"
              ><input type="checkbox" name=${"status-"+i} .checked=${s.length===0||s.includes(i)} /> ${re[i]}</label
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
            ${[["windowStart","Window start"],["createdAt","Created"],["attempts","Attempts"]].map(([i,n])=>o`<option value=${i} ?selected=${(e.get("sort")||"windowStart")===i}>${n}</option>`)}
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
            ${It.map(i=>o`<option value=${i} ?selected=${this.limit===i}>${i}</option>`)}
          </select>
        </div>
        <div class="actions end">
          <button type="submit" class="primary">Apply</button>
          <button type="button" @click=${this.clearFilters} ?disabled=${!At(e)}>Clear filters</button>
        </div>
      </div>
      ${r.length?o`<div class="chips" aria-label="More filters">
            <span class="muted">Also:</span>
            ${r.map(([i,n])=>o`<span class="chip">${Oe[i]||i}: ${n}
                  <button type="button" class="small" aria-label=${"Remove the filter "+(Oe[i]||i)} @click=${()=>this.removeParam(i)}>✕</button></span
                >`)}
          </div>`:c}
    </form>`}bulkBar(){let e=this.selected.size;if(!e&&!this.allMatching)return c;let s=this.allMatching?null:[...this.selected.keys()],r=this.allMatching?"Every callback that matches the filter":e+" selected";return o`<div class="bulkbar" role="region" aria-label="Bulk changes">
      <strong>${r}</strong>
      ${!this.allMatching&&this.next===null&&this.cursors.length===1?c:o`<button type="button" class="small" @click=${()=>this.allMatching=!this.allMatching}>
            ${this.allMatching?"Only the selected":"Select all that match"}
          </button>`}
      <span class="grow"></span>
      <button type="button" class="small" @click=${()=>this.startBulk("reassign",s)}>Reassign…</button>
      <button type="button" class="small" @click=${()=>this.startBulk("reschedule",s)}>Reschedule…</button>
      <button type="button" class="small danger" @click=${()=>this.startBulk("cancel",s)}>Cancel callbacks…</button>
      <button type="button" class="small" @click=${this.clearSelection}>Clear selection</button>
    </div>`}table(){let e=this.items.length>0&&this.items.every(r=>this.selected.has(r.id)),s=Date.now();return o`<div class="table-wrap">
      <table aria-describedby="list-caption" aria-busy=${String(this.loading)}>
        <caption id="list-caption" class="sr-only">
          Callbacks. Arrow keys move between rows, Enter opens a callback, Space selects it.
        </caption>
        <thead>
          <tr>
            <th class="sel"><input type="checkbox" aria-label="Select every callback on this page" .checked=${e} @change=${r=>this.togglePage(r.target.checked)} /></th>
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
          ${kt(this.items,r=>r.id,r=>{let i=r.status==="scheduled"||r.status==="claimed",n=i&&Date.parse(r.windowEnd)<=s,d=i&&!n&&Date.parse(r.windowStart)<=s,l=this.selected.has(r.id)||this.allMatching;return o`<tr
                class="clickable ${l?"selected":""}"
                data-id=${r.id}
                data-phone=${r.phoneNumber}
                tabindex=${r.id===(this.active||this.items[0]?.id)?"0":"-1"}
                @keydown=${h=>this.rowKey(h,r)}
                @keyup=${h=>this.rowKeyUp(h,r)}
                @click=${h=>this.rowClick(h,r)}
                @focus=${()=>this.active=r.id}
              >
                <td class="sel">
                  <input
                    type="checkbox"
                    tabindex="-1"
                    aria-label=${"Select "+(r.customerName||r.phoneNumber)}
                    .checked=${l}
                    ?disabled=${this.allMatching}
                    @change=${h=>this.toggle(r,h.target.checked)}
                  />
                </td>
                <td><div class="name">${r.customerName||o`<span class="muted">No name</span>`}</div><div class="muted mono">${r.phoneNumber}</div></td>
                <td>
                  <span class="badge ${r.status}">${re[r.status]||r.status}</span>
                  ${n?o`<span class="badge overdue">Overdue</span>`:d?o`<span class="badge scheduled">Due now</span>`:c}
                </td>
                <td>${$(r.windowStart)}<div class="muted">to ${$(r.windowEnd)}</div></td>
                <td>${r.teamId}</td>
                <td>${r.agentId||o`<span class="muted">Team</span>`}</td>
                <td class="num">${r.attempts} / ${r.maxAttempts}</td>
                <td>${$(r.createdAt)}<div class="muted">${r.createdBy}</div></td>
              </tr>`})}
        </tbody>
      </table>
      ${!this.loading&&this.items.length===0&&!this.error?o`<p class="empty">No callback matches these filters.</p>`:c}
    </div>`}render(){let e={connecting:"Connecting…",live:"Live",retrying:"Reconnecting…",stopped:"Not live"}[this.live],s=this.cursors.length;return o`<div class="head">
        <div>
          <h1>Callbacks</h1>
          <p class="lead">Every callback of the tenant. Filters combine; changes made by agents appear as they happen.</p>
        </div>
        <div class="actions">
          <span class="live ${this.live}" role="status">${e}</span>
          <a class="button" href=${this.client.exportURL(G(this.query))} download>Export CSV</a>
        </div>
      </div>
      ${this.filtersForm()} ${this.error?o`<p class="msg error" role="alert">${this.error}</p>`:c} ${this.bulkBar()} ${this.table()}
      <div class="pager">
        <button type="button" class="small" @click=${this.prevPage} ?disabled=${s<2||this.loading}>Previous</button>
        <span>Page ${s}${this.loading?o` <span class="muted">(loading…)</span>`:c}</span>
        <button type="button" class="small" @click=${this.nextPage} ?disabled=${!this.next||this.loading}>Next</button>
      </div>
      <p class="sr-only" role="status" aria-live="polite">${this.announce}</p>
      <cdyx-console-dialog wide label=${this.detail?"Callback: "+(this.detail.customerName||this.detail.phoneNumber):""} ?open=${!!this.detail} @vel-close=${()=>this.detail=null}>
        ${this.detail?o`<cdyx-console-callback-detail
              .client=${this.client}
              .callback=${this.detail}
              @vel-action=${r=>{let i=this.detail.id;this.detail=null,this.startBulk(r.detail.action,[i])}}
            ></cdyx-console-callback-detail>`:c}
      </cdyx-console-dialog>
      <cdyx-console-dialog label="Change callbacks" ?open=${!!this.bulk} @vel-close=${()=>this.bulk=null}>
        ${this.bulk?o`<cdyx-console-bulk
              .client=${this.client}
              .action=${this.bulk.action}
              .ids=${this.bulk.ids}
              .filter=${this.bulk.ids?null:Et(this.query)}
              .labels=${new Map([...this.selected.values(),...this.items].map(r=>[r.id,r.customerName||r.phoneNumber]))}
              @vel-bulk-done=${r=>this.bulkDone(r.detail.result)}
            ></cdyx-console-bulk>`:c}
      </cdyx-console-dialog>`}};q.styles=[y,R,Pt],q.properties={client:{attribute:!1},session:{attribute:!1},query:{attribute:!1},items:{state:!0},next:{state:!0},cursors:{state:!0},loading:{state:!0},error:{state:!0},selected:{state:!0},allMatching:{state:!0},live:{state:!0},detail:{state:!0},bulk:{state:!0},active:{state:!0},announce:{state:!0}};w("cdyx-console-callbacks",q);var Lt=b`
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
`;var He;function os(){return He??=import(new URL("/console/charts.js",location.href).href).catch(a=>{throw He=void 0,a}),He}var F=class extends f{constructor(){super();this.sheet=!1;this.onTheme=()=>{this.draw()};this.label="",this.days=[],this.series=[],this.percent=!1,this.error=""}connectedCallback(){super.connectedCallback(),window.addEventListener(T,this.onTheme)}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener(T,this.onTheme),this.ro?.disconnect(),this.plot?.destroy(),this.plot=void 0}updated(e){(e.has("days")||e.has("series")||e.has("percent"))&&this.draw()}async draw(){let e;try{e=await os()}catch(u){this.error="The chart could not be loaded: "+(u instanceof Error?u.message:String(u));return}let s=this.renderRoot.querySelector(".plot");if(!s)return;if(!this.sheet){this.sheet=!0;let u=document.createElement("style");u.textContent=e.uPlotCSS,this.renderRoot.appendChild(u)}let r=getComputedStyle(this),i=r.getPropertyValue("--vel-text-2").trim()||"#555",n=r.getPropertyValue("--vel-border").trim()||"#ddd",d=this.days.map(u=>Date.parse(u+"T12:00:00Z")/1e3),l=u=>u==null?"–":this.percent?Math.round(u*1e3)/10+"%":String(u),h={width:Math.max(280,s.clientWidth),height:220,scales:{x:{time:!0},y:this.percent?{range:[0,1]}:{range:(u,p,m)=>[0,Math.max(1,m)]}},series:[{label:"Day",value:(u,p)=>p===null?"–":new Date(p*1e3).toISOString().slice(0,10)},...this.series.map(u=>({label:u.label,stroke:u.color,width:2,points:{show:this.days.length<=45},value:(p,m)=>l(m)}))],axes:[{stroke:i,grid:{stroke:n,width:1},ticks:{stroke:n}},{stroke:i,grid:{stroke:n,width:1},ticks:{stroke:n},values:(u,p)=>p.map(m=>this.percent?Math.round(m*100)+"%":String(m))}],cursor:{drag:{x:!1,y:!1}}};this.plot?.destroy(),s.replaceChildren(),this.plot=new e.uPlot(h,[d,...this.series.map(u=>u.values)],s),this.ro||(this.ro=new ResizeObserver(()=>{this.plot&&s.clientWidth&&this.plot.setSize({width:Math.max(280,s.clientWidth),height:220})}),this.ro.observe(s))}render(){return o`<figure>
      <figcaption>${this.label}</figcaption>
      <div class="plot" role="img" aria-label=${this.label+": "+this.series.map(e=>e.label).join(", ")+" per day; the figures are in the table below."}></div>
      ${this.error?o`<p class="msg error">${this.error}</p>`:c}
    </figure>`}};F.styles=[y,Lt],F.properties={label:{},days:{attribute:!1},series:{attribute:!1},percent:{type:Boolean},error:{state:!0}};w("cdyx-console-chart",F);var Mt=b`
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
`;var ls={light:{created:"#0f6ac4",completed:"#16694e",failed:"#c11d2b",cancelled:"#8a5206",inWindow:"#0f6ac4",connect:"#16694e"},dark:{created:"#64b4fa",completed:"#6fd7ae",failed:"#fc8b98",cancelled:"#f7c173",inWindow:"#64b4fa",connect:"#6fd7ae"}},H=class extends f{constructor(){super();this.shownKey=null;this.seq=0;this.onTheme=()=>this.requestUpdate();this.query=new URLSearchParams,this.reports={},this.loading=!1,this.error=""}connectedCallback(){super.connectedCallback(),window.addEventListener(T,this.onTheme)}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener(T,this.onTheme)}get params(){let e=new URLSearchParams,s=new Date,r=new Date(s.getFullYear(),s.getMonth(),s.getDate()-29);e.set("from",this.query.get("from")||qe(r)),e.set("to",this.query.get("to")||qe(s)),e.set("tz",ke());for(let i of this.query.getAll("team"))e.append("team",i);return e}willUpdate(e){e.has("query")&&this.query.toString()!==this.shownKey&&(this.shownKey=this.query.toString(),this.load())}async load(){let e=++this.seq;this.loading=!0;let s=this.params,r=["summary","teams","agents","daily"];try{let i=await Promise.all(r.map(n=>this.client.report(n,s)));if(e!==this.seq)return;this.reports=Object.fromEntries(r.map((n,d)=>[n,i[d]])),this.error=""}catch(i){e===this.seq&&(this.error=x(i))}finally{e===this.seq&&(this.loading=!1)}}apply(e){e.preventDefault();let s=this.renderRoot.querySelector("form.period"),r=n=>s.elements.namedItem(n).value.trim(),i=new URLSearchParams;r("from")&&i.set("from",r("from")),r("to")&&i.set("to",r("to"));for(let n of se(r("team")))i.append("team",n);fe("dashboard",i,!0)}fig(e,s){return e?o`<a class="fig" href=${K("callbacks",new URLSearchParams(e.search))} aria-label=${s?xe(e.count)+" "+s+": list them":c}>${xe(e.count)}</a>`:o`–`}rate(e,s){return e?o`<span class="rate"
      ><strong>${Y(e.rate)}</strong>
      <span class="muted">(${this.fig(e.part,s)} of ${this.fig(e.of)})</span></span
    >`:o`–`}card(e,s,r,i){return o`<div class="stat" data-figure=${i||c}>
      <div class="stat-title">${e}</div>
      <div class="stat-value">${s}</div>
      ${r?o`<div class="stat-sub">${r}</div>`:c}
    </div>`}now(e){let s=e.now;if(!s)return c;let r=s.oldestOverdueSince;return o`<section class="card" aria-labelledby="h-now">
      <h2 id="h-now">Now</h2>
      <div class="stats">
        ${this.card("Open",this.fig(s.open,"open callbacks"),c,"now.open")}
        ${this.card("Due now",this.fig(s.dueNow,"callbacks due now"),c,"now.dueNow")}
        ${this.card("Overdue",this.fig(s.overdue,"overdue callbacks"),o`up to 1 h ${this.fig(s.overdueBy.upTo1h)} · 1–4 h ${this.fig(s.overdueBy.upTo4h)} · 4–24 h ${this.fig(s.overdueBy.upTo24h)} · over 24 h
            ${this.fig(s.overdueBy.over24h)}${r?o`<br />oldest overdue for ${D((Date.now()-Date.parse(r))/1e3)}`:c}`,"now.overdue")}
        ${this.card("Being dialed",this.fig(s.claimed,"callbacks being dialed"),c,"now.claimed")}
        ${this.card("Personal / team",o`${this.fig(s.personal,"personal callbacks")} / ${this.fig(s.team,"team callbacks")}`,o`an agent’s own / their team’s`,"now.personal")}
      </div>
    </section>`}outcomes(e){let s=e.outcomes;return o`<section class="card" aria-labelledby="h-outcomes">
      <h2 id="h-outcomes">Outcomes in the period</h2>
      <div class="stats">
        ${this.card("Created",this.fig(e.created,"callbacks created"),c,"created")}
        ${this.card("Completed",this.fig(s.completed,"completed callbacks"),o`connected ${this.fig(s.completedBy.connected)} · declined ${this.fig(s.completedBy.declined)} · reached on an inbound call ${this.fig(s.completedBy.reachedInbound)}`,"outcomes.completed")}
        ${this.card("Failed",this.fig(s.failed,"failed callbacks"),o`attempts ran out ${this.fig(s.failedBy.maxAttempts)} · invalid number ${this.fig(s.failedBy.invalidNumber)}`,"outcomes.failed")}
        ${this.card("Cancelled",this.fig(s.cancelled,"cancelled callbacks"),o`for the customer ${this.fig(s.cancelledBy.customer)} · do-not-call ${this.fig(s.cancelledBy.doNotCall)} · by a supervisor ${this.fig(s.cancelledBy.supervisor)}`,"outcomes.cancelled")}
        ${this.card("Connect rate, first attempt",this.rate(s.connectRateFirst,"first dials that connected"),c,"outcomes.connectRateFirst")}
        ${this.card("Connect rate, overall",this.rate(s.connectRate,"closed by a dial that connected"),c,"outcomes.connectRate")}
        ${this.card("Attempts per completed callback",o`${s.attemptsPerCompleted.value===null?"–":s.attemptsPerCompleted.value.toFixed(2)}`,o`${xe(s.attemptsPerCompleted.attempts)} attempts on ${this.fig(s.attemptsPerCompleted.completed)} completed`,"outcomes.attemptsPerCompleted")}
      </div>
    </section>`}punctuality(e){let s=e.punctuality;return o`<section class="card" aria-labelledby="h-speed">
      <h2 id="h-speed">Speed and punctuality</h2>
      <div class="stats">
        ${this.card("First dialed",this.fig(s.firstDialed,"callbacks first dialed"),c,"punctuality.firstDialed")}
        ${this.card("Window start to first dial, median",o`${D(s.firstDelay.medianSeconds)}`,o`90th percentile ${D(s.firstDelay.p90Seconds)}`,"punctuality.firstDelay")}
        ${this.card("First dialed inside the window",this.rate(s.firstDialedInWindow,"first dialed inside their window"),c,"punctuality.firstDialedInWindow")}
        ${this.card("Fell back to the team",this.rate(s.fellBack,"closed callbacks that had fallen back"),o`fell back in the period ${this.fig(s.fellBackInPeriod)}`,"punctuality.fellBack")}
      </div>
    </section>`}table(e,s){let r=e==="teams"?"Team":"Agent";return o`<section class="card" aria-labelledby=${"h-"+e}>
      <div class="section-head">
        <h2 id=${"h-"+e}>Per ${e==="teams"?"team":"agent"}</h2>
        <a class="button small-link" href=${this.client.reportCSV(e,this.params)} download>CSV</a>
      </div>
      ${e==="agents"?o`<p class="hint">Each figure counts its own agent: open ones their owner, being dialed the agent dialing, outcomes the agent who closed them, first dials the agent who dialed.</p>`:c}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${r}</th>
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
            ${s.map(i=>{let n=i.figures;return o`<tr data-key=${i.teamId||i.agentId||""}>
                <th scope="row">${i.teamId||i.agentId}</th>
                <td class="num">${this.fig(n.now?.open)}</td>
                <td class="num">${this.fig(n.now?.overdue)}</td>
                <td class="num">${this.fig(n.now?.claimed)}</td>
                <td class="num">${this.fig(n.created)}</td>
                <td class="num">${this.fig(n.outcomes.completed)}</td>
                <td class="num">${this.fig(n.outcomes.failed)}</td>
                <td class="num">${this.fig(n.outcomes.cancelled)}</td>
                <td class="num">${Y(n.outcomes.connectRateFirst.rate)}</td>
                <td class="num">${D(n.punctuality.firstDelay.medianSeconds)}</td>
                <td class="num">${Y(n.punctuality.firstDialedInWindow.rate)}</td>
                <td class="num">${this.fig(n.punctuality.fellBackInPeriod)}</td>
              </tr>`})}
          </tbody>
        </table>
        ${s.length?c:o`<p class="empty">Nothing in this period.</p>`}
      </div>
    </section>`}trend(e){let s=e.rows||[],r=s.map(l=>l.date||""),i=ls[document.querySelector("cdyx-console")?.hasAttribute("dark")?"dark":"light"],n=[{label:"Created",color:i.created,values:s.map(l=>l.figures.created.count)},{label:"Completed",color:i.completed,values:s.map(l=>l.figures.outcomes.completed.count)},{label:"Failed",color:i.failed,values:s.map(l=>l.figures.outcomes.failed.count)},{label:"Cancelled",color:i.cancelled,values:s.map(l=>l.figures.outcomes.cancelled.count)}],d=[{label:"First dialed inside the window",color:i.inWindow,values:s.map(l=>l.figures.punctuality.firstDialedInWindow.rate)},{label:"Connect rate, first attempt",color:i.connect,values:s.map(l=>l.figures.outcomes.connectRateFirst.rate)}];return o`<section class="card" aria-labelledby="h-trend">
      <div class="section-head">
        <h2 id="h-trend">Daily trend</h2>
        <a class="button small-link" href=${this.client.reportCSV("daily",this.params)} download>CSV</a>
      </div>
      <div class="charts">
        <cdyx-console-chart label="Callbacks per day" .days=${r} .series=${n}></cdyx-console-chart>
        <cdyx-console-chart label="First dials per day" percent .days=${r} .series=${d}></cdyx-console-chart>
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
              ${s.map(l=>o`<tr>
                  <th scope="row">${$e(l.date||"")}</th>
                  <td class="num">${this.fig(l.figures.created)}</td>
                  <td class="num">${this.fig(l.figures.outcomes.completed)}</td>
                  <td class="num">${this.fig(l.figures.outcomes.failed)}</td>
                  <td class="num">${this.fig(l.figures.outcomes.cancelled)}</td>
                  <td class="num">${this.fig(l.figures.punctuality.firstDialed)}</td>
                  <td class="num">${Y(l.figures.punctuality.firstDialedInWindow.rate)}</td>
                  <td class="num">${Y(l.figures.outcomes.connectRateFirst.rate)}</td>
                </tr>`)}
            </tbody>
          </table>
        </div>
      </details>
    </section>`}render(){let e=this.params,s=this.reports.summary;return o`<div class="head">
        <div>
          <h1>Dashboard</h1>
          <p class="lead">
            ${s?o`${$e(s.from)} to ${$e(s.to)} (${s.timezone}), ${s.teams&&s.teams.length?"teams "+s.teams.join(", "):"every team"}; as of ${$(s.at)}. Every count opens its callbacks.`:o`Figures for a period and teams; every count opens its callbacks.`}
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
      ${this.error?o`<p class="msg error" role="alert">${this.error}</p>`:c}
      ${this.loading&&!s?o`<p class="muted" role="status">Loading the figures…</p>`:c}
      ${s&&s.figures?o`${this.now(s.figures)} ${this.outcomes(s.figures)} ${this.punctuality(s.figures)}`:c}
      ${this.reports.daily?this.trend(this.reports.daily):c} ${this.reports.teams?this.table("teams",this.reports.teams.rows||[]):c}
      ${this.reports.agents?this.table("agents",this.reports.agents.rows||[]):c}`}};H.styles=[y,R,Mt],H.properties={client:{attribute:!1},session:{attribute:!1},query:{attribute:!1},reports:{state:!0},loading:{state:!0},error:{state:!0}};w("cdyx-console-dashboard",H);function Nt(a,t,e,s){switch(a){case"callbacks":return o`<cdyx-console-callbacks .client=${t} .session=${e} .query=${s}></cdyx-console-callbacks>`;case"dashboard":return o`<cdyx-console-dashboard .client=${t} .session=${e} .query=${s}></cdyx-console-dashboard>`}return o`<h1>${a}</h1><p class="msg">This page is not built yet.</p>`}var Bt=b`
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
`;var Dt="velocity-console-tenant",z=class extends f{constructor(){super(),this.notice="",this.busy=!1,this.error=""}firstUpdated(){let t=this.renderRoot.querySelector("#tenant");try{t.value=localStorage.getItem(Dt)||""}catch{}(t.value?this.renderRoot.querySelector("#username"):t).focus()}async submit(t){t.preventDefault();let e=t.target,s=i=>e.querySelector("#"+i).value,r=s("tenant").trim();this.busy=!0,this.error="";try{let i=await this.client.signIn(r,s("username").trim(),s("password"));try{localStorage.setItem(Dt,r)}catch{}this.dispatchEvent(new CustomEvent("vel-signed-in",{detail:{session:i},bubbles:!0,composed:!0}))}catch(i){this.error=cs(i),e.querySelector("#password").select()}finally{this.busy=!1}}render(){return o`<main class="box">
      <div class="brand"><img src="/logo.svg" alt="" width="32" height="32" /> <span>Velocity console</span></div>
      <h1>Sign in</h1>
      <p class="hint">For supervisor and admin accounts. Agents use the Callbacks widgets in the Webex Contact Center Desktop.</p>
      ${this.notice?o`<p class="msg warn" role="status">${this.notice}</p>`:c}
      <form @submit=${this.submit} novalidate>
        <div><label for="tenant">Tenant</label><input id="tenant" name="tenant" autocomplete="organization" required /></div>
        <div><label for="username">Username</label><input id="username" name="username" autocomplete="username" required /></div>
        <div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required /></div>
        ${this.error?o`<p class="msg error" role="alert" id="sign-in-error">${this.error}</p>`:c}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy?"Signing in…":"Sign in"}</button>
      </form>
    </main>`}};z.styles=[y,Bt],z.properties={client:{attribute:!1},notice:{},busy:{state:!0},error:{state:!0}};function cs(a){if(a instanceof C){switch(a.status){case 401:return"The tenant, username or password is not right.";case 403:return"This account cannot use the console: "+a.message;case 429:return"Too many failed sign-ins for this account; wait a minute and try again."}return a.message}return a instanceof Error?a.message:String(a)}w("cdyx-console-sign-in",z);var Ut=b`
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
    top: -40px;
    padding: 6px 12px;
    background: var(--vel-bg);
    color: var(--vel-accent);
    border-radius: var(--vel-radius);
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
`;var ie=["supervisor","admin"],ze=["admin"],Ve=[{page:"callbacks",label:"Callbacks",roles:ie},{page:"dashboard",label:"Dashboard",roles:ie},{page:"policy",label:"Policy",roles:ie,group:"Settings"},{page:"do-not-call",label:"Do-not-call",roles:ie,group:"Settings"},{page:"accounts",label:"Accounts & keys",roles:ze,group:"Settings"},{page:"identity",label:"Identity",roles:ze,group:"Settings"},{page:"layout",label:"Layout snippets",roles:ze,group:"Settings"},{page:"audit",label:"Audit",roles:ie,group:"Settings"}],V=class extends f{constructor(){super();this.client=new me;this.onHash=()=>{let e=this.route.page;this.route=Ne(),this.route.page!==e&&(this.focusMain=!0)};this.onEnded=()=>{this.session&&(this.session=null,this.client.csrf="",this.notice="Your session has ended (signed out, idle for too long, or too old). Sign in again to go on where you were.")};this.focusMain=!1;this.session=null,this.checking=!0,this.route=Ne(),this.notice="",this.theme=ut(),this.dark=be(this.theme)}connectedCallback(){super.connectedCallback(),window.addEventListener("hashchange",this.onHash),window.addEventListener(ge,this.onEnded),this.unwatch=gt(()=>this.dark=be(this.theme)),this.resume()}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("hashchange",this.onHash),window.removeEventListener(ge,this.onEnded),this.unwatch?.()}async resume(){try{this.signedIn(await this.client.session())}catch{this.session=null}finally{this.checking=!1}}signedIn(e){this.client.csrf=e.csrfToken,this.session=e,this.notice="",this.focusMain=!0}async signOut(){try{await this.client.signOut()}catch(e){console.warn("[velocity] sign-out",x(e))}this.session=null,this.client.csrf="",this.notice="You signed out."}toggleTheme(){this.theme=this.dark?"light":"dark",mt(this.theme),this.dark=be(this.theme)}updated(e){e.has("dark")&&(document.documentElement.style.colorScheme=this.dark?"dark":"light",document.body.style.background=this.dark?"#1f1f1f":"#f7f7f7",e.get("dark")!==void 0&&this.updateComplete.then(()=>window.dispatchEvent(new Event(T))));let s=Ve.find(r=>r.page===this.route.page);document.title=(this.session?(s?s.label:"Not found")+" · ":"Sign in · ")+"Velocity console",this.focusMain&&this.session&&(this.focusMain=!1,this.renderRoot.querySelector("main")?.focus({preventScroll:!1}))}nav(e){let s=Ve.filter(i=>i.roles.includes(e)),r=i=>o`<li><a href=${K(i.page)} aria-current=${i.page===this.route.page?"page":"false"}>${i.label}</a></li>`;return o`<nav aria-label="Console">
      <ul>
        ${s.filter(i=>!i.group).map(r)}
      </ul>
      <h2 class="group" id="nav-settings">Settings</h2>
      <ul aria-labelledby="nav-settings">
        ${s.filter(i=>i.group==="Settings").map(r)}
      </ul>
    </nav>`}page(e){let s=Ve.find(r=>r.page===this.route.page);return s?s.roles.includes(e.role)?Nt(s.page,this.client,e,this.route.query):o`<h1>${s.label}</h1><p class="msg warn">This page is for admin accounts.</p>`:o`<h1>Not found</h1><p>There is no page "${this.route.page}". <a href=${K("callbacks")}>Callbacks</a></p>`}render(){if(this.checking)return o`<p class="checking" role="status">Loading the console…</p>`;let e=this.session;return e?o`<a class="skip" href="#main" @click=${s=>{s.preventDefault(),this.renderRoot.querySelector("main")?.focus()}}>Skip to content</a>
      <header class="top">
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
      </div>`:o`<cdyx-console-sign-in
        .client=${this.client}
        .notice=${this.notice}
        @vel-signed-in=${s=>this.signedIn(s.detail.session)}
      ></cdyx-console-sign-in>`}};V.styles=[ht,y,Ut],V.properties={session:{state:!0},checking:{state:!0},route:{state:!0},notice:{state:!0},theme:{state:!0},dark:{type:Boolean,reflect:!0}};w("cdyx-console",V);})();
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

"use strict";(()=>{var X=globalThis,Q=X.ShadowRoot&&(X.ShadyCSS===void 0||X.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,ge=Symbol(),Ne=new WeakMap,j=class{constructor(t,e,s){if(this._$cssResult$=!0,s!==ge)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(Q&&t===void 0){let s=e!==void 0&&e.length===1;s&&(t=Ne.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),s&&Ne.set(e,t))}return t}toString(){return this.cssText}},Ue=n=>new j(typeof n=="string"?n:n+"",void 0,ge),v=(n,...t)=>{let e=n.length===1?n[0]:t.reduce((s,i,r)=>s+(a=>{if(a._$cssResult$===!0)return a.cssText;if(typeof a=="number")return a;throw Error("Value passed to 'css' function must be a 'css' function result: "+a+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+n[r+1],n[0]);return new j(e,n,ge)},Be=(n,t)=>{if(Q)n.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let s=document.createElement("style"),i=X.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=e.cssText,n.appendChild(s)}},fe=Q?n=>n:n=>n instanceof CSSStyleSheet?(t=>{let e="";for(let s of t.cssRules)e+=s.cssText;return Ue(e)})(n):n;var{is:_t,defineProperty:Rt,getOwnPropertyDescriptor:Pt,getOwnPropertyNames:It,getOwnPropertySymbols:Mt,getPrototypeOf:Lt}=Object,ee=globalThis,Oe=ee.trustedTypes,Nt=Oe?Oe.emptyScript:"",Ut=ee.reactiveElementPolyfillSupport,V=(n,t)=>n,be={toAttribute(n,t){switch(t){case Boolean:n=n?Nt:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,t){let e=n;switch(t){case Boolean:e=n!==null;break;case Number:e=n===null?null:Number(n);break;case Object:case Array:try{e=JSON.parse(n)}catch{e=null}}return e}},qe=(n,t)=>!_t(n,t),De={attribute:!0,type:String,converter:be,reflect:!1,useDefault:!1,hasChanged:qe};Symbol.metadata??=Symbol("metadata"),ee.litPropertyMetadata??=new WeakMap;var k=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=De){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let s=Symbol(),i=this.getPropertyDescriptor(t,s,e);i!==void 0&&Rt(this.prototype,t,i)}}static getPropertyDescriptor(t,e,s){let{get:i,set:r}=Pt(this.prototype,t)??{get(){return this[e]},set(a){this[e]=a}};return{get:i,set(a){let c=i?.call(this);r?.call(this,a),this.requestUpdate(t,c,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??De}static _$Ei(){if(this.hasOwnProperty(V("elementProperties")))return;let t=Lt(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(V("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(V("properties"))){let e=this.properties,s=[...It(e),...Mt(e)];for(let i of s)this.createProperty(i,e[i])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[s,i]of e)this.elementProperties.set(s,i)}this._$Eh=new Map;for(let[e,s]of this.elementProperties){let i=this._$Eu(e,s);i!==void 0&&this._$Eh.set(i,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let s=new Set(t.flat(1/0).reverse());for(let i of s)e.unshift(fe(i))}else t!==void 0&&e.push(fe(t));return e}static _$Eu(t,e){let s=e.attribute;return s===!1?void 0:typeof s=="string"?s:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Be(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){let s=this.constructor.elementProperties.get(t),i=this.constructor._$Eu(t,s);if(i!==void 0&&s.reflect===!0){let r=(s.converter?.toAttribute!==void 0?s.converter:be).toAttribute(e,s.type);this._$Em=t,r==null?this.removeAttribute(i):this.setAttribute(i,r),this._$Em=null}}_$AK(t,e){let s=this.constructor,i=s._$Eh.get(t);if(i!==void 0&&this._$Em!==i){let r=s.getPropertyOptions(i),a=typeof r.converter=="function"?{fromAttribute:r.converter}:r.converter?.fromAttribute!==void 0?r.converter:be;this._$Em=i;let c=a.fromAttribute(e,r.type);this[i]=c??this._$Ej?.get(i)??c,this._$Em=null}}requestUpdate(t,e,s,i=!1,r){if(t!==void 0){let a=this.constructor;if(i===!1&&(r=this[t]),s??=a.getPropertyOptions(t),!((s.hasChanged??qe)(r,e)||s.useDefault&&s.reflect&&r===this._$Ej?.get(t)&&!this.hasAttribute(a._$Eu(t,s))))return;this.C(t,e,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:i,wrapped:r},a){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,a??e??this[t]),r!==!0||a!==void 0)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),i===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,r]of this._$Ep)this[i]=r;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[i,r]of s){let{wrapped:a}=r,c=this[i];a!==!0||this._$AL.has(i)||c===void 0||this.C(i,void 0,r,c)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(e)):this._$EM()}catch(s){throw t=!1,this._$EM(),s}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};k.elementStyles=[],k.shadowRootOptions={mode:"open"},k[V("elementProperties")]=new Map,k[V("finalized")]=new Map,Ut?.({ReactiveElement:k}),(ee.reactiveElementVersions??=[]).push("2.1.2");var ye=globalThis,He=n=>n,te=ye.trustedTypes,Fe=te?te.createPolicy("lit-html",{createHTML:n=>n}):void 0,xe="$lit$",A=`lit$${Math.random().toFixed(9).slice(2)}$`,we="?"+A,Bt=`<${we}>`,I=document,W=()=>I.createComment(""),G=n=>n===null||typeof n!="object"&&typeof n!="function",$e=Array.isArray,Ge=n=>$e(n)||typeof n?.[Symbol.iterator]=="function",ve=`[ 	
\f\r]`,K=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,ze=/-->/g,je=/>/g,R=RegExp(`>|${ve}(?:([^\\s"'>=/]+)(${ve}*=${ve}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Ve=/'/g,Ke=/"/g,Ye=/^(?:script|style|textarea|title)$/i,ke=n=>(t,...e)=>({_$litType$:n,strings:t,values:e}),l=ke(1),es=ke(2),ts=ke(3),S=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),We=new WeakMap,P=I.createTreeWalker(I,129);function Je(n,t){if(!$e(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return Fe!==void 0?Fe.createHTML(t):t}var Ze=(n,t)=>{let e=n.length-1,s=[],i,r=t===2?"<svg>":t===3?"<math>":"",a=K;for(let c=0;c<e;c++){let o=n[c],h,g,p=-1,m=0;for(;m<o.length&&(a.lastIndex=m,g=a.exec(o),g!==null);)m=a.lastIndex,a===K?g[1]==="!--"?a=ze:g[1]!==void 0?a=je:g[2]!==void 0?(Ye.test(g[2])&&(i=RegExp("</"+g[2],"g")),a=R):g[3]!==void 0&&(a=R):a===R?g[0]===">"?(a=i??K,p=-1):g[1]===void 0?p=-2:(p=a.lastIndex-g[2].length,h=g[1],a=g[3]===void 0?R:g[3]==='"'?Ke:Ve):a===Ke||a===Ve?a=R:a===ze||a===je?a=K:(a=R,i=void 0);let u=a===R&&n[c+1].startsWith("/>")?" ":"";r+=a===K?o+Bt:p>=0?(s.push(h),o.slice(0,p)+xe+o.slice(p)+A+u):o+A+(p===-2?c:u)}return[Je(n,r+(n[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]},Y=class n{constructor({strings:t,_$litType$:e},s){let i;this.parts=[];let r=0,a=0,c=t.length-1,o=this.parts,[h,g]=Ze(t,e);if(this.el=n.createElement(h,s),P.currentNode=this.el.content,e===2||e===3){let p=this.el.content.firstChild;p.replaceWith(...p.childNodes)}for(;(i=P.nextNode())!==null&&o.length<c;){if(i.nodeType===1){if(i.hasAttributes())for(let p of i.getAttributeNames())if(p.endsWith(xe)){let m=g[a++],u=i.getAttribute(p).split(A),b=/([.?@])?(.*)/.exec(m);o.push({type:1,index:r,name:b[2],strings:u,ctor:b[1]==="."?ie:b[1]==="?"?re:b[1]==="@"?ne:L}),i.removeAttribute(p)}else p.startsWith(A)&&(o.push({type:6,index:r}),i.removeAttribute(p));if(Ye.test(i.tagName)){let p=i.textContent.split(A),m=p.length-1;if(m>0){i.textContent=te?te.emptyScript:"";for(let u=0;u<m;u++)i.append(p[u],W()),P.nextNode(),o.push({type:2,index:++r});i.append(p[m],W())}}}else if(i.nodeType===8)if(i.data===we)o.push({type:2,index:r});else{let p=-1;for(;(p=i.data.indexOf(A,p+1))!==-1;)o.push({type:7,index:r}),p+=A.length-1}r++}}static createElement(t,e){let s=I.createElement("template");return s.innerHTML=t,s}};function M(n,t,e=n,s){if(t===S)return t;let i=s!==void 0?e._$Co?.[s]:e._$Cl,r=G(t)?void 0:t._$litDirective$;return i?.constructor!==r&&(i?._$AO?.(!1),r===void 0?i=void 0:(i=new r(n),i._$AT(n,e,s)),s!==void 0?(e._$Co??=[])[s]=i:e._$Cl=i),i!==void 0&&(t=M(n,i._$AS(n,t.values),i,s)),t}var se=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:s}=this._$AD,i=(t?.creationScope??I).importNode(e,!0);P.currentNode=i;let r=P.nextNode(),a=0,c=0,o=s[0];for(;o!==void 0;){if(a===o.index){let h;o.type===2?h=new q(r,r.nextSibling,this,t):o.type===1?h=new o.ctor(r,o.name,o.strings,this,t):o.type===6&&(h=new ae(r,this,t)),this._$AV.push(h),o=s[++c]}a!==o?.index&&(r=P.nextNode(),a++)}return P.currentNode=I,i}p(t){let e=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}},q=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,i){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=M(this,t,e),G(t)?t===d||t==null||t===""?(this._$AH!==d&&this._$AR(),this._$AH=d):t!==this._$AH&&t!==S&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):Ge(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==d&&G(this._$AH)?this._$AA.nextSibling.data=t:this.T(I.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:s}=t,i=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=Y.createElement(Je(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(e);else{let r=new se(i,this),a=r.u(this.options);r.p(e),this.T(a),this._$AH=r}}_$AC(t){let e=We.get(t.strings);return e===void 0&&We.set(t.strings,e=new Y(t)),e}k(t){$e(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,s,i=0;for(let r of t)i===e.length?e.push(s=new n(this.O(W()),this.O(W()),this,this.options)):s=e[i],s._$AI(r),i++;i<e.length&&(this._$AR(s&&s._$AB.nextSibling,i),e.length=i)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let s=He(t).nextSibling;He(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},L=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,i,r){this.type=1,this._$AH=d,this._$AN=void 0,this.element=t,this.name=e,this._$AM=i,this.options=r,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=d}_$AI(t,e=this,s,i){let r=this.strings,a=!1;if(r===void 0)t=M(this,t,e,0),a=!G(t)||t!==this._$AH&&t!==S,a&&(this._$AH=t);else{let c=t,o,h;for(t=r[0],o=0;o<r.length-1;o++)h=M(this,c[s+o],e,o),h===S&&(h=this._$AH[o]),a||=!G(h)||h!==this._$AH[o],h===d?t=d:t!==d&&(t+=(h??"")+r[o+1]),this._$AH[o]=h}a&&!i&&this.j(t)}j(t){t===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},ie=class extends L{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===d?void 0:t}},re=class extends L{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==d)}},ne=class extends L{constructor(t,e,s,i,r){super(t,e,s,i,r),this.type=5}_$AI(t,e=this){if((t=M(this,t,e,0)??d)===S)return;let s=this._$AH,i=t===d&&s!==d||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,r=t!==d&&(s===d||i);i&&this.element.removeEventListener(this.name,this,s),r&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},ae=class{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){M(this,t)}},Xe={M:xe,P:A,A:we,C:1,L:Ze,R:se,D:Ge,V:M,I:q,H:L,N:re,U:ne,B:ie,F:ae},Ot=ye.litHtmlPolyfillSupport;Ot?.(Y,q),(ye.litHtmlVersions??=[]).push("3.3.3");var Qe=(n,t,e)=>{let s=e?.renderBefore??t,i=s._$litPart$;if(i===void 0){let r=e?.renderBefore??null;s._$litPart$=i=new q(t.insertBefore(W(),r),r,void 0,e??{})}return i._$AI(n),i};var Ae=globalThis,f=class extends k{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=Qe(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return S}};f._$litElement$=!0,f.finalized=!0,Ae.litElementHydrateSupport?.({LitElement:f});var Dt=Ae.litElementPolyfillSupport;Dt?.({LitElement:f});(Ae.litElementVersions??=[]).push("4.2.2");var et=v`
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
`,x=v`
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
`;var E=class extends Error{constructor(e){super(e.detail||e.title||e.code||"HTTP "+e.status);this.problem=e}get status(){return this.problem.status}get code(){return this.problem.code}};var le="vel-session-ended",oe=class{constructor(t=""){this.csrf="";this.root=t+"/api/v1"}async req(t,e,s={}){let i={Accept:"application/json",...s.headers};t!=="GET"&&t!=="HEAD"&&this.csrf&&(i["X-CSRF-Token"]=this.csrf);let r;s.raw?(i["Content-Type"]=s.raw.type,r=s.raw.body):s.body!==void 0&&(i["Content-Type"]="application/json",r=JSON.stringify(s.body));let a;try{a=await fetch(this.root+e,{method:t,headers:i,body:r,credentials:"same-origin"})}catch{throw new E({status:0,code:"network",detail:"Cannot reach the Velocity server."})}let c=await a.text(),o;if(c)try{o=JSON.parse(c)}catch{o=void 0}if(!a.ok){let h=o&&typeof o=="object"?o:{},g=new E({...h,status:a.status,code:h.code||"http_"+a.status,detail:h.detail||h.title||a.statusText});return a.status===401&&!s.own401&&window.dispatchEvent(new CustomEvent(le,{detail:{message:g.message}})),Promise.reject(g)}return o}session(){return this.req("GET","/session",{own401:!0})}signIn(t,e,s){return this.req("POST","/session",{body:{tenant:t,username:e,password:s},own401:!0})}signOut(){return this.req("DELETE","/session",{own401:!0})}search(t){return this.req("GET","/callbacks/search?"+t)}exportURL(t){return this.root+"/callbacks/export.csv"+(t.toString()?"?"+t:"")}callback(t){return this.req("GET","/callbacks/"+encodeURIComponent(t))}history(t){return this.req("GET","/callbacks/"+encodeURIComponent(t)+"/history")}bulk(t){return this.req("POST","/callbacks/bulk",{body:t})}eventToken(t="",e=""){return this.req("POST","/events/token",{body:{agentId:t,teamId:e}})}policy(){return this.req("GET","/policy")}setPolicy(t){return this.req("PATCH","/policy",{body:t})}doNotCall(t,e){let s=new URLSearchParams({limit:String(e)});return t&&s.set("after",t),this.req("GET","/do-not-call?"+s)}addDoNotCall(t,e){return this.req("POST","/do-not-call",{body:{phoneNumber:t,reason:e}})}importDoNotCall(t){return this.req("POST","/do-not-call/import",{raw:{body:t,type:"text/csv"}})}removeDoNotCall(t){return this.req("DELETE","/do-not-call/"+encodeURIComponent(t))}lookup(t){return this.req("GET","/phone-numbers/lookup?"+new URLSearchParams({number:t}))}accounts(){return this.req("GET","/accounts")}createAccount(t,e,s){return this.req("POST","/accounts",{body:s?{username:t,role:e,password:s}:{username:t,role:e}})}updateAccount(t,e){return this.req("PATCH","/accounts/"+encodeURIComponent(t),{body:e})}resetPassword(t){return this.req("POST","/accounts/"+encodeURIComponent(t)+"/password")}apiKeys(){return this.req("GET","/api-keys")}createApiKey(t){return this.req("POST","/api-keys",{body:{name:t}})}revokeApiKey(t){return this.req("DELETE","/api-keys/"+encodeURIComponent(t))}tenant(){return this.req("GET","/tenant")}setIdentity(t,e){return this.req("PATCH","/tenant/identity",{body:{agentIdentity:t,webexOrgId:e}})}audit(t){return this.req("GET","/audit?"+t)}};function C(n){if(n instanceof E){let t=n.problem.fields;return t&&t.length?n.message+" "+t.map(e=>e.field+": "+e.message).join("; "):n.message}return n instanceof Error?n.message:String(n)}function tt(n){let t={};if(n instanceof E)for(let e of n.problem.fields||[])t[e.field]=e.message;return t}function Se(){let n=location.hash.replace(/^#\/?/,""),[t,e]=n.split("?",2);return{page:t||"callbacks",query:new URLSearchParams(e||"")}}function ce(n,t){let e=t instanceof URLSearchParams?t.toString():new URLSearchParams(t||{}).toString();return"#/"+n+(e?"?"+e:"")}function st(n,t,e=!1){let s=ce(n,t);location.hash!==s&&(e?(history.replaceState(null,"",s),window.dispatchEvent(new HashChangeEvent("hashchange"))):location.hash=s)}var Ee="velocity-console-theme",Ce=typeof matchMedia=="function"?matchMedia("(prefers-color-scheme: dark)"):null;function it(){try{let n=localStorage.getItem(Ee);if(n==="light"||n==="dark")return n}catch{}return"system"}function rt(n){try{n==="system"?localStorage.removeItem(Ee):localStorage.setItem(Ee,n)}catch{}}function de(n){return n==="dark"||n==="system"&&!!Ce?.matches}function nt(n){return Ce?.addEventListener("change",n),()=>Ce?.removeEventListener("change",n)}var at={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},ot=n=>(...t)=>({_$litDirective$:n,values:t}),he=class{constructor(t){}get _$AU(){return this._$AM._$AU}_$AT(t,e,s){this._$Ct=t,this._$AM=e,this._$Ci=s}_$AS(t,e){return this.update(t,e)}update(t,e){return this.render(...e)}};var{I:qt}=Xe,lt=n=>n;var ct=()=>document.createComment(""),H=(n,t,e)=>{let s=n._$AA.parentNode,i=t===void 0?n._$AB:t._$AA;if(e===void 0){let r=s.insertBefore(ct(),i),a=s.insertBefore(ct(),i);e=new qt(r,a,n,n.options)}else{let r=e._$AB.nextSibling,a=e._$AM,c=a!==n;if(c){let o;e._$AQ?.(n),e._$AM=n,e._$AP!==void 0&&(o=n._$AU)!==a._$AU&&e._$AP(o)}if(r!==i||c){let o=e._$AA;for(;o!==r;){let h=lt(o).nextSibling;lt(s).insertBefore(o,i),o=h}}}return e},T=(n,t,e=n)=>(n._$AI(t,e),n),Ht={},dt=(n,t=Ht)=>n._$AH=t,ht=n=>n._$AH,pe=n=>{n._$AR(),n._$AA.remove()};var pt=(n,t,e)=>{let s=new Map;for(let i=t;i<=e;i++)s.set(n[i],i);return s},ut=ot(class extends he{constructor(n){if(super(n),n.type!==at.CHILD)throw Error("repeat() can only be used in text expressions")}dt(n,t,e){let s;e===void 0?e=t:t!==void 0&&(s=t);let i=[],r=[],a=0;for(let c of n)i[a]=s?s(c,a):a,r[a]=e(c,a),a++;return{values:r,keys:i}}render(n,t,e){return this.dt(n,t,e).values}update(n,[t,e,s]){let i=ht(n),{values:r,keys:a}=this.dt(t,e,s);if(!Array.isArray(i))return this.ut=a,r;let c=this.ut??=[],o=[],h,g,p=0,m=i.length-1,u=0,b=r.length-1;for(;p<=m&&u<=b;)if(i[p]===null)p++;else if(i[m]===null)m--;else if(c[p]===a[u])o[u]=T(i[p],r[u]),p++,u++;else if(c[m]===a[b])o[b]=T(i[m],r[b]),m--,b--;else if(c[p]===a[b])o[b]=T(i[p],r[b]),H(n,o[b+1],i[p]),p++,b--;else if(c[m]===a[u])o[u]=T(i[m],r[u]),H(n,i[p],i[m]),m--,u++;else if(h===void 0&&(h=pt(a,u,b),g=pt(c,p,m)),h.has(c[p]))if(h.has(c[m])){let $=g.get(a[u]),me=$!==void 0?i[$]:null;if(me===null){let Le=H(n,i[p]);T(Le,r[u]),o[u]=Le}else o[u]=T(me,r[u]),H(n,i[p],me),i[$]=null;u++}else pe(i[m]),m--;else pe(i[p]),p++;for(;u<=b;){let $=H(n,o[b+1]);T($,r[u]),o[u++]=$}for(;p<=m;){let $=i[p++];$!==null&&pe($)}return this.ut=a,dt(n,o),S}});var Ft=["created","updated","claimed","released","attempted","completed","failed","cancelled","due","fallback"],ue=class{constructor(t,e,s,i){this.api=t;this.agentId=e;this.teamId=s;this.h=i;this.stopped=!1;this.failures=0}start(){this.stopped=!1,this.connect()}stop(){this.stopped=!0,clearTimeout(this.timer),this.es?.close(),this.es=void 0,this.h.state("stopped")}async connect(){if(this.stopped)return;this.h.state(this.failures?"retrying":"connecting");let t;try{t=(await this.api.eventToken(this.agentId,this.teamId)).token}catch(r){this.retry(r instanceof Error?r.message:String(r));return}if(this.stopped)return;let e=new EventSource(this.api.root+"/events?token="+encodeURIComponent(t));this.es=e;let s=!1;e.onopen=()=>{this.es===e&&(s=!0,this.failures=0,this.h.state("live"),this.h.resync())};let i=r=>{if(this.es===e)try{this.h.event(JSON.parse(r.data))}catch{}};for(let r of Ft)e.addEventListener(r,i);e.onmessage=i,e.onerror=()=>{this.es===e&&(e.close(),this.es=void 0,this.retry(s?"The live connection dropped.":"The live connection could not be opened."))}}retry(t){if(this.stopped)return;this.failures++;let e=Math.min(3e4,500*2**Math.min(this.failures-1,6));this.h.state("retrying",t),clearTimeout(this.timer),this.timer=setTimeout(()=>{this.connect()},e)}};var zt=new Set(["sort","order","limit","cursor"]),Te=new Set(["q","team","agent","assigned","status","windowFrom","windowTo","overdue","dueNow","minAttempts","createdBy","tz"]),_e={endFrom:"Window ends from",endTo:"Window ends before",createdFrom:"Created from",createdTo:"Created before",claimedBy:"Being dialed by",closedFrom:"Closed from",closedTo:"Closed before",closeReason:"Close reason",closedBy:"Closed by",firstDialFrom:"First dial from",firstDialTo:"First dial before",firstOutcome:"First outcome",firstInWindow:"First dial in window",firstDialBy:"First dialed by",fellBack:"Fell back to the team",fellBackFrom:"Fell back from",fellBackTo:"Fell back before",fellBackAgent:"Fell back from agent"};function F(n){let t=new URLSearchParams;for(let[e,s]of n)!zt.has(e)&&s!==""&&t.append(e,s);return t}function mt(n,t,e){let s=F(n);for(let i of["sort","order"]){let r=n.get(i);r&&s.set(i,r)}return s.set("limit",String(e)),t&&s.set("cursor",t),s}function gt(n){let t={};for(let[e,s]of F(n)){let i=t[e];t[e]=i===void 0?s:Array.isArray(i)?[...i,s]:[i,s]}return t}function ft(n){for(let t of F(n).keys())if(t!=="tz")return!0;return!1}function Re(n){return n.split(",").map(t=>t.trim()).filter(Boolean)}var jt=new Intl.DateTimeFormat(void 0,{month:"short",day:"numeric",hour:"2-digit",minute:"2-digit"}),Vt=new Intl.DateTimeFormat(void 0,{year:"numeric",month:"short",day:"numeric",hour:"2-digit",minute:"2-digit"}),Os=new Intl.DateTimeFormat(void 0,{year:"numeric",month:"short",day:"numeric"});function y(n){if(!n)return"";let t=new Date(n);return isNaN(t.getTime())?n:(t.getFullYear()===new Date().getFullYear()?jt:Vt).format(t)}function bt(n){if(n==null||!isFinite(n))return"–";let t=n<0,e=Math.round(Math.abs(n)),s;if(e<60)s=e+" s";else if(e<3600)s=Math.round(e/60)+" min";else if(e<86400){let i=Math.floor(e/3600),r=Math.round(e%3600/60);s=i+" h"+(r?" "+r+" min":"")}else e=Math.round(e/3600),s=Math.floor(e/24)+" d"+(e%24?" "+e%24+" h":"");return t?"−"+s:s}var Ds=new Intl.NumberFormat;function vt(){try{return Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC"}catch{return"UTC"}}var J={scheduled:"Scheduled",claimed:"Being dialed",completed:"Completed",failed:"Failed",cancelled:"Cancelled"},yt={connected:"Connected",declined:"Declined",reached_inbound:"Reached on an inbound call",max_attempts:"Attempts ran out",invalid_number:"Invalid number",customer:"Cancelled for the customer",do_not_call:"Do-not-call list",supervisor:"Cancelled by a supervisor"};var z=v`
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
`;var xt=v`
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
`;var N=class extends f{constructor(){super();this.opener=null;this.label="",this.open=!1,this.wide=!1}get dialog(){return this.renderRoot.querySelector("dialog")}close(){this.open&&(this.open=!1)}updated(e){let s=this.dialog;!s||!e.has("open")||(this.open&&!s.open?(this.opener=Kt(),s.showModal(),this.focusFirst()):!this.open&&s.open&&s.close())}async focusFirst(){let e=this.querySelector("[autofocus], input:not([type=hidden]), select, textarea, button")||this.firstElementChild,s=e?.updateComplete;s&&await s,e?.focus(),this.matches(":focus-within")||this.renderRoot.querySelector("button.close")?.focus()}onClose(){this.open=!1;let e=this.opener;this.opener=null,e&&e.isConnected&&e.focus(),this.dispatchEvent(new CustomEvent("vel-close",{bubbles:!0,composed:!0}))}onCancel(e){e.stopPropagation()}render(){return l`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose} @cancel=${this.onCancel}>
      <header>
        <h2 id="title">${this.label}</h2>
        <button class="close small" type="button" aria-label="Close" @click=${()=>this.close()}>✕</button>
      </header>
      <div class="body"><slot></slot></div>
      <footer><slot name="footer"></slot></footer>
    </dialog>`}};N.styles=[x,xt],N.properties={label:{},open:{type:Boolean,reflect:!0},wide:{type:Boolean,reflect:!0}};function Kt(){let n=document.activeElement;for(;n&&n.shadowRoot&&n.shadowRoot.activeElement;)n=n.shadowRoot.activeElement;return n}function w(n,t){customElements.get(n)||customElements.define(n,t)}w("cdyx-console-dialog",N);var wt=v`
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
`;var Wt={created:"Created",updated:"Changed",claimed:"Claimed for dialing",released:"Claim released",attempted:"Dial recorded",completed:"Completed",failed:"Failed",cancelled:"Cancelled",due:"Window opened",fallback:"Fell back to the team"},U=class extends f{constructor(){super();this.loadedFor="";this.history=null,this.error=""}willUpdate(e){e.has("callback")&&this.callback&&this.loadedFor!==this.callback.id+"@"+this.callback.version&&(this.loadedFor=this.callback.id+"@"+this.callback.version,this.load(this.callback.id))}async load(e){try{let s=await this.client.history(e);e===this.callback.id&&(this.history=s.items||[]),this.error=""}catch(s){this.error=C(s)}}ask(e){this.dispatchEvent(new CustomEvent("vel-action",{detail:{action:e},bubbles:!0,composed:!0}))}details(e){let s=[],i=e.data||{};for(let[r,a]of Object.entries(i)){if(a==null||a==="")continue;let c=typeof a=="object"?JSON.stringify(a):String(a);s.push(r+": "+(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(c)?y(c):c))}return e.before&&(e.before.agentId!==e.callback?.agentId||e.before.teamId!==e.callback?.teamId)&&s.push("from "+(e.before.agentId||"the team")+" ("+e.before.teamId+") to "+(e.callback?.agentId||"the team")+" ("+e.callback?.teamId+")"),s.join(" · ")}render(){let e=this.callback;if(!e)return d;let s=e.facts,i=e.status==="scheduled"||e.status==="claimed";return l`<div class="cols">
        <dl class="facts">
          <dt>Status</dt>
          <dd><span class="badge ${e.status}">${J[e.status]||e.status}</span>${e.claimedBy&&e.status==="claimed"?l` by ${e.claimedBy}`:d}</dd>
          <dt>Customer</dt>
          <dd>${e.customerName||"–"}</dd>
          <dt>Number</dt>
          <dd class="mono">${e.phoneNumber}</dd>
          <dt>Customer's zone</dt>
          <dd>${e.timezone}</dd>
          <dt>Window</dt>
          <dd>${y(e.windowStart)} – ${y(e.windowEnd)}</dd>
          <dt>Team</dt>
          <dd>${e.teamId}</dd>
          <dt>Agent</dt>
          <dd>${e.agentId||"None (the team’s)"}</dd>
          <dt>Attempts</dt>
          <dd>${e.attempts} of ${e.maxAttempts}${e.lastOutcome?" · last: "+e.lastOutcome.replace("_"," "):""}</dd>
          <dt>Notes</dt>
          <dd>${e.notes||"–"}</dd>
          ${e.reason?l`<dt>Reason</dt><dd>${e.reason}</dd>`:d}
          <dt>Created</dt>
          <dd>${y(e.createdAt)} by ${e.createdBy||"–"}</dd>
          <dt>Id</dt>
          <dd class="mono">${e.id}</dd>
        </dl>
        ${s?l`<dl class="facts">
              <dt>First dial</dt>
              <dd>${s.firstAttemptAt?y(s.firstAttemptAt)+" by "+s.firstAttemptBy+" ("+(s.firstOutcome||"").replace("_"," ")+")":"–"}</dd>
              <dt>Window start to first dial</dt>
              <dd>${s.firstDelaySeconds===null?"–":bt(s.firstDelaySeconds)}${s.firstInWindow===null?"":s.firstInWindow?", inside the window":", outside the window"}</dd>
              <dt>Fell back to the team</dt>
              <dd>${s.fellBackAt?y(s.fellBackAt)+" from "+s.fellBackFrom:"No"}</dd>
              <dt>Closed</dt>
              <dd>${s.closedAt?y(s.closedAt)+": "+(yt[s.closeReason]||s.closeReason)+(s.closedBy?" ("+s.closedBy+")":""):"–"}</dd>
            </dl>`:d}
      </div>
      <div class="actions buttons">
        <button type="button" class="small" ?disabled=${!i} @click=${()=>this.ask("reassign")}>Reassign…</button>
        <button type="button" class="small" ?disabled=${!i} @click=${()=>this.ask("reschedule")}>Reschedule…</button>
        <button type="button" class="small danger" ?disabled=${!i} @click=${()=>this.ask("cancel")}>Cancel callback…</button>
      </div>
      <h3>History</h3>
      ${this.error?l`<p class="msg error" role="alert">${this.error}</p>`:d}
      ${this.history===null?l`<p class="muted">Loading…</p>`:l`<ol class="history">
            ${this.history.map(r=>l`<li>
                <span class="at">${y(r.at)}</span>
                <strong>${Wt[r.type]||r.type}</strong>
                <span class="muted">${r.actor?.agentId||r.actor?.account||"scheduler"}</span>
                ${this.details(r)?l`<div class="detail">${this.details(r)}</div>`:d}
              </li>`)}
          </ol>`}`}};U.styles=[x,z,wt],U.properties={client:{attribute:!1},callback:{attribute:!1},history:{state:!0},error:{state:!0}};w("cdyx-console-callback-detail",U);var $t=v`
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
`;var _=class extends f{constructor(){super(),this.ids=null,this.filter=null,this.labels=new Map,this.kind="reassign",this.to="agent",this.when="window",this.busy=!1,this.error="",this.fields={},this.result=null}willUpdate(t){t.has("action")&&this.action&&(this.kind=this.action==="shift"?"reschedule":this.action)}get target(){return this.ids?this.ids.length===1?"1 callback":this.ids.length+" callbacks":"every callback that matches the filter"}async submit(t){t.preventDefault();let e=t.target,s=a=>(e.elements.namedItem(a)?.value||"").trim(),i={action:"reassign"};this.ids?i.ids=this.ids:i.filter=this.filter||{};let r={};switch(this.kind){case"reassign":i.action="reassign",this.to==="agent"?(i.agentId=s("agentId"),i.agentId||(r.agentId="Name the agent.")):i.toTeam=!0,s("teamId")&&(i.teamId=s("teamId"));break;case"reschedule":if(this.when==="window"){i.action="reschedule";let a=s("windowStart");a?i.windowStart=new Date(a).toISOString():r.windowStart="Pick when the new window starts.",s("windowEnd")&&(i.windowEnd=new Date(s("windowEnd")).toISOString())}else{i.action="shift";let a=Number(s("hours"));a?i.hours=a:r.hours="Give a number of hours other than 0 (negative moves windows earlier)."}break;case"cancel":i.action="cancel",i.reason=s("reason"),i.reason||(r.reason="Say why they are cancelled; the reason goes to each callback’s history.");break}if(this.fields=r,Object.keys(r).length){this.error="",this.updateComplete.then(()=>this.renderRoot.querySelector('[aria-invalid="true"]')?.focus());return}this.busy=!0,this.error="";try{this.result=await this.client.bulk(i),this.dispatchEvent(new CustomEvent("vel-bulk-done",{detail:{result:this.result},bubbles:!0,composed:!0})),this.updateComplete.then(()=>this.renderRoot.querySelector("#result")?.focus())}catch(a){this.error=C(a);let c=tt(a);for(let o of Object.keys(c))c[o.replace(/^filter\..*/,"filter")]=c[o];this.fields=c}finally{this.busy=!1}}field(t,e,s,i=""){let r=this.fields[t];return l`<div class="field">
      <label for=${"b-"+t}>${e}</label>
      ${s} ${i?l`<span class="hint" id=${"b-"+t+"-hint"}>${i}</span>`:d}
      ${r?l`<span class="field-error" id=${"b-"+t+"-err"}>${r}</span>`:d}
    </div>`}input(t,e="text",s={}){let i=this.fields[t];return l`<input
      id=${"b-"+t}
      name=${t}
      type=${e}
      step=${s.step||d}
      placeholder=${s.placeholder||d}
      aria-invalid=${i?"true":"false"}
      aria-describedby=${i?"b-"+t+"-err":d}
    />`}results(t){let e=t.items.filter(r=>!r.ok),s=t.items.filter(r=>r.ok),i=r=>this.labels.get(r)||r;return l`<div id="result" tabindex="-1" class="result" role="status">
      <p class=${"msg "+(t.failed?"warn":"ok")}>
        ${t.succeeded} of ${t.total} changed${t.failed?l`; ${t.failed} refused (listed below, the rest went ahead)`:d}.
      </p>
      ${e.length?l`<h3>Refused</h3>
            <ul class="items">
              ${e.map(r=>l`<li class="fail" data-id=${r.id}><strong>${i(r.id)}</strong>: ${r.message||r.code}</li>`)}
            </ul>`:d}
      ${s.length?l`<details ?open=${s.length<=10}>
            <summary>Changed (${s.length})</summary>
            <ul class="items">
              ${s.map(r=>l`<li class="ok" data-id=${r.id}>${i(r.id)}</li>`)}
            </ul>
          </details>`:d}
    </div>`}render(){if(this.result)return this.results(this.result);let t=(e,s,i,r,a)=>l`<label class="check"><input type="radio" name=${e} .value=${s} .checked=${i===s} @change=${()=>a(s)} /> ${r}</label>`;return l`<form @submit=${this.submit} novalidate>
      <p>Changes ${this.target}. Each is changed on its own; one an agent is dialing right now is left alone.</p>
      <fieldset>
        <legend>Change</legend>
        ${t("kind","reassign",this.kind,"Reassign",e=>this.kind=e)} ${t("kind","reschedule",this.kind,"Reschedule",e=>this.kind=e)}
        ${t("kind","cancel",this.kind,"Cancel",e=>this.kind=e)}
      </fieldset>
      ${this.kind==="reassign"?l`<fieldset>
              <legend>To</legend>
              ${t("to","agent",this.to,"An agent",e=>this.to=e)} ${t("to","team",this.to,"The team (no agent)",e=>this.to=e)}
            </fieldset>
            ${this.to==="agent"?this.field("agentId","Agent id",this.input("agentId","text",{placeholder:"agent-1"})):d}
            ${this.field("teamId","Move to team (optional)",this.input("teamId"),"Leave empty to keep each callback’s team.")}`:d}
      ${this.kind==="reschedule"?l`<fieldset>
              <legend>How</legend>
              ${t("when","window",this.when,"A new window",e=>this.when=e)} ${t("when","shift",this.when,"Shift by hours",e=>this.when=e)}
            </fieldset>
            ${this.when==="window"?l`${this.field("windowStart","Window starts",this.input("windowStart","datetime-local"),"In your time zone; clipped to each customer’s calling hours.")}
                ${this.field("windowEnd","Window ends (optional)",this.input("windowEnd","datetime-local"))}`:this.field("hours","Hours",this.input("hours","number",{step:"0.5",placeholder:"2"}),"Negative moves windows earlier.")}`:d}
      ${this.kind==="cancel"?this.field("reason","Reason",this.input("reason"),"Kept in each callback’s history and the audit trail."):d}
      ${this.fields.filter?l`<p class="field-error">${this.fields.filter}</p>`:d}
      ${this.error?l`<p class="msg error" role="alert">${this.error}</p>`:d}
      <div class="actions">
        <button type="submit" class=${this.kind==="cancel"?"danger":"primary"} ?disabled=${this.busy}>
          ${this.busy?"Applying…":this.kind==="cancel"?"Cancel "+this.target:"Apply to "+this.target}
        </button>
      </div>
    </form>`}};_.styles=[x,z,$t],_.shadowRootOptions={...f.shadowRootOptions,delegatesFocus:!0},_.properties={client:{attribute:!1},action:{attribute:!1},ids:{attribute:!1},filter:{attribute:!1},labels:{attribute:!1},kind:{state:!0},to:{state:!0},when:{state:!0},busy:{state:!0},error:{state:!0},fields:{state:!0},result:{state:!0}};w("cdyx-console-bulk",_);var kt=v`
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
`;var Pe=["scheduled","claimed","completed","failed","cancelled"],At=[25,50,100,200],Gt=600,B=class extends f{constructor(){super();this.seq=0;this.shownKey="";this.enterOn="";this.query=new URLSearchParams,this.items=[],this.next=null,this.cursors=[""],this.loading=!1,this.error="",this.selected=new Map,this.allMatching=!1,this.live="connecting",this.detail=null,this.bulk=null,this.active="",this.announce=""}connectedCallback(){super.connectedCallback(),this.stream=new ue(this.client,"","",{event:e=>this.onEvent(e),resync:()=>this.refreshSoon(),state:e=>this.live=e}),this.stream.start()}disconnectedCallback(){super.disconnectedCallback(),this.stream?.stop(),clearTimeout(this.timer)}willUpdate(e){if(e.has("query")){let s=this.query.toString();s!==this.shownKey&&(this.shownKey=s,this.cursors=[""],this.allMatching=!1,this.load())}}get limit(){let e=Number(this.query.get("limit"));return At.includes(e)?e:50}async load(){let e=++this.seq;this.loading=!0;try{let s=this.cursors[this.cursors.length-1],i=await this.client.search(mt(this.query,s,this.limit));if(e!==this.seq)return;this.items=i.items||[],this.next=i.nextCursor,this.error="",this.items.some(r=>r.id===this.active)||(this.active=this.items[0]?.id||"")}catch(s){if(e!==this.seq)return;this.error=C(s)}finally{e===this.seq&&(this.loading=!1)}}refreshSoon(){clearTimeout(this.timer),this.timer=setTimeout(()=>{this.load()},Gt)}onEvent(e){let s=e.callback;if(s){let i=this.items.findIndex(r=>r.id===s.id);if(i>=0){let r=this.items.slice();r[i]={...r[i],...s,facts:r[i].facts},this.items=r}this.detail&&this.detail.id===s.id&&(this.detail={...this.detail,...s})}this.refreshSoon()}setFilters(e){e.has("windowFrom")||e.has("windowTo")?e.has("tz")||e.set("tz",vt()):e.delete("tz"),st("callbacks",e,!0)}onFilterChange(e){e.preventDefault();let s=this.renderRoot.querySelector("form.filters"),i=h=>s.elements.namedItem(h)?.value.trim()||"",r=h=>!!s.elements.namedItem(h)?.checked,a=new URLSearchParams;for(let[h,g]of this.query)Te.has(h)||a.append(h,g);i("q")&&a.set("q",i("q"));for(let h of Re(i("team")))a.append("team",h);for(let h of Re(i("agent")))a.append("agent",h);i("assigned")&&a.set("assigned",i("assigned"));let c=Pe.filter(h=>r("status-"+h));c.length&&c.length<Pe.length&&a.set("status",c.join(",")),i("windowFrom")&&a.set("windowFrom",i("windowFrom")),i("windowTo")&&a.set("windowTo",i("windowTo")),r("overdue")&&a.set("overdue","true"),r("dueNow")&&a.set("dueNow","true");let o=Number(i("minAttempts"));o>0&&a.set("minAttempts",String(Math.floor(o))),i("createdBy")&&a.set("createdBy",i("createdBy")),i("sort")&&i("sort")!=="windowStart"&&a.set("sort",i("sort")),i("order")==="desc"&&a.set("order","desc"),i("limit")&&i("limit")!=="50"&&a.set("limit",i("limit")),this.setFilters(a)}removeParam(e){let s=new URLSearchParams(this.query);s.delete(e),this.setFilters(s)}clearFilters(){let e=new URLSearchParams;for(let s of["sort","order","limit"])this.query.get(s)&&e.set(s,this.query.get(s));this.setFilters(e)}nextPage(){this.next&&(this.cursors=[...this.cursors,this.next],this.load())}prevPage(){this.cursors.length<2||(this.cursors=this.cursors.slice(0,-1),this.load())}toggle(e,s){let i=new Map(this.selected),r=s??!i.has(e.id);r?i.set(e.id,e):i.delete(e.id),this.selected=i,this.allMatching=!1,this.announce=(r?"Selected ":"Unselected ")+(e.customerName||e.phoneNumber)+". "+i.size+" selected."}togglePage(e){let s=new Map(this.selected);for(let i of this.items)e?s.set(i.id,i):s.delete(i.id);this.selected=s,this.allMatching=!1}clearSelection(){this.selected=new Map,this.allMatching=!1}rowKey(e,s){if(e.target!==e.currentTarget)return;let i=this.items.findIndex(a=>a.id===s.id),r=a=>{let c=this.items[Math.max(0,Math.min(this.items.length-1,a))];c&&(this.active=c.id,this.updateComplete.then(()=>this.renderRoot.querySelector(`tr[data-id="${CSS.escape(c.id)}"]`)?.focus()))};switch(e.key){case"Enter":e.preventDefault(),this.enterOn=s.id;break;case" ":e.preventDefault(),this.toggle(s);break;case"ArrowDown":e.preventDefault(),r(i+1);break;case"ArrowUp":e.preventDefault(),r(i-1);break;case"Home":e.preventDefault(),r(0);break;case"End":e.preventDefault(),r(this.items.length-1);break}}rowKeyUp(e,s){if(e.key!=="Enter"||e.target!==e.currentTarget)return;let i=this.enterOn;this.enterOn="",i===s.id&&this.open(s)}rowClick(e,s){e.target.closest("input, button, a")||(this.active=s.id,this.open(s))}open(e){this.detail=e}startBulk(e,s){this.bulk={action:e,ids:s}}bulkDone(e){let s=e.items.filter(r=>!r.ok).map(r=>r.id),i=new Map;for(let r of s){let a=this.selected.get(r)||this.items.find(c=>c.id===r);a&&i.set(r,a)}this.selected=i,this.allMatching=!1,this.load()}filtersForm(){let e=this.query,s=(e.get("status")||"").split(",").filter(Boolean),i=[...F(e)].filter(([r])=>!Te.has(r));return l`<form class="filters card" @submit=${this.onFilterChange} @change=${this.onFilterChange} aria-label="Filters">
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
          ${Pe.map(r=>l`<label class="check"
              ><input type="checkbox" name=${"status-"+r} .checked=${s.length===0||s.includes(r)} /> ${J[r]}</label
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
            ${[["windowStart","Window start"],["createdAt","Created"],["attempts","Attempts"]].map(([r,a])=>l`<option value=${r} ?selected=${(e.get("sort")||"windowStart")===r}>${a}</option>`)}
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
            ${At.map(r=>l`<option value=${r} ?selected=${this.limit===r}>${r}</option>`)}
          </select>
        </div>
        <div class="actions end">
          <button type="submit" class="primary">Apply</button>
          <button type="button" @click=${this.clearFilters} ?disabled=${!ft(e)}>Clear filters</button>
        </div>
      </div>
      ${i.length?l`<div class="chips" aria-label="More filters">
            <span class="muted">Also:</span>
            ${i.map(([r,a])=>l`<span class="chip">${_e[r]||r}: ${a}
                  <button type="button" class="small" aria-label=${"Remove the filter "+(_e[r]||r)} @click=${()=>this.removeParam(r)}>✕</button></span
                >`)}
          </div>`:d}
    </form>`}bulkBar(){let e=this.selected.size;if(!e&&!this.allMatching)return d;let s=this.allMatching?null:[...this.selected.keys()],i=this.allMatching?"Every callback that matches the filter":e+" selected";return l`<div class="bulkbar" role="region" aria-label="Bulk changes">
      <strong>${i}</strong>
      ${!this.allMatching&&this.next===null&&this.cursors.length===1?d:l`<button type="button" class="small" @click=${()=>this.allMatching=!this.allMatching}>
            ${this.allMatching?"Only the selected":"Select all that match"}
          </button>`}
      <span class="grow"></span>
      <button type="button" class="small" @click=${()=>this.startBulk("reassign",s)}>Reassign…</button>
      <button type="button" class="small" @click=${()=>this.startBulk("reschedule",s)}>Reschedule…</button>
      <button type="button" class="small danger" @click=${()=>this.startBulk("cancel",s)}>Cancel callbacks…</button>
      <button type="button" class="small" @click=${this.clearSelection}>Clear selection</button>
    </div>`}table(){let e=this.items.length>0&&this.items.every(i=>this.selected.has(i.id)),s=Date.now();return l`<div class="table-wrap">
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
          ${ut(this.items,i=>i.id,i=>{let r=i.status==="scheduled"||i.status==="claimed",a=r&&Date.parse(i.windowEnd)<=s,c=r&&!a&&Date.parse(i.windowStart)<=s,o=this.selected.has(i.id)||this.allMatching;return l`<tr
                class="clickable ${o?"selected":""}"
                data-id=${i.id}
                data-phone=${i.phoneNumber}
                tabindex=${i.id===(this.active||this.items[0]?.id)?"0":"-1"}
                @keydown=${h=>this.rowKey(h,i)}
                @keyup=${h=>this.rowKeyUp(h,i)}
                @click=${h=>this.rowClick(h,i)}
                @focus=${()=>this.active=i.id}
              >
                <td class="sel">
                  <input
                    type="checkbox"
                    tabindex="-1"
                    aria-label=${"Select "+(i.customerName||i.phoneNumber)}
                    .checked=${o}
                    ?disabled=${this.allMatching}
                    @change=${h=>this.toggle(i,h.target.checked)}
                  />
                </td>
                <td><div class="name">${i.customerName||l`<span class="muted">No name</span>`}</div><div class="muted mono">${i.phoneNumber}</div></td>
                <td>
                  <span class="badge ${i.status}">${J[i.status]||i.status}</span>
                  ${a?l`<span class="badge overdue">Overdue</span>`:c?l`<span class="badge scheduled">Due now</span>`:d}
                </td>
                <td>${y(i.windowStart)}<div class="muted">to ${y(i.windowEnd)}</div></td>
                <td>${i.teamId}</td>
                <td>${i.agentId||l`<span class="muted">Team</span>`}</td>
                <td class="num">${i.attempts} / ${i.maxAttempts}</td>
                <td>${y(i.createdAt)}<div class="muted">${i.createdBy}</div></td>
              </tr>`})}
        </tbody>
      </table>
      ${!this.loading&&this.items.length===0&&!this.error?l`<p class="empty">No callback matches these filters.</p>`:d}
    </div>`}render(){let e={connecting:"Connecting…",live:"Live",retrying:"Reconnecting…",stopped:"Not live"}[this.live],s=this.cursors.length;return l`<div class="head">
        <div>
          <h1>Callbacks</h1>
          <p class="lead">Every callback of the tenant. Filters combine; changes made by agents appear as they happen.</p>
        </div>
        <div class="actions">
          <span class="live ${this.live}" role="status">${e}</span>
          <a class="button" href=${this.client.exportURL(F(this.query))} download>Export CSV</a>
        </div>
      </div>
      ${this.filtersForm()} ${this.error?l`<p class="msg error" role="alert">${this.error}</p>`:d} ${this.bulkBar()} ${this.table()}
      <div class="pager">
        <button type="button" class="small" @click=${this.prevPage} ?disabled=${s<2||this.loading}>Previous</button>
        <span>Page ${s}${this.loading?l` <span class="muted">(loading…)</span>`:d}</span>
        <button type="button" class="small" @click=${this.nextPage} ?disabled=${!this.next||this.loading}>Next</button>
      </div>
      <p class="sr-only" role="status" aria-live="polite">${this.announce}</p>
      <cdyx-console-dialog wide label=${this.detail?"Callback: "+(this.detail.customerName||this.detail.phoneNumber):""} ?open=${!!this.detail} @vel-close=${()=>this.detail=null}>
        ${this.detail?l`<cdyx-console-callback-detail
              .client=${this.client}
              .callback=${this.detail}
              @vel-action=${i=>{let r=this.detail.id;this.detail=null,this.startBulk(i.detail.action,[r])}}
            ></cdyx-console-callback-detail>`:d}
      </cdyx-console-dialog>
      <cdyx-console-dialog label="Change callbacks" ?open=${!!this.bulk} @vel-close=${()=>this.bulk=null}>
        ${this.bulk?l`<cdyx-console-bulk
              .client=${this.client}
              .action=${this.bulk.action}
              .ids=${this.bulk.ids}
              .filter=${this.bulk.ids?null:gt(this.query)}
              .labels=${new Map([...this.selected.values(),...this.items].map(i=>[i.id,i.customerName||i.phoneNumber]))}
              @vel-bulk-done=${i=>this.bulkDone(i.detail.result)}
            ></cdyx-console-bulk>`:d}
      </cdyx-console-dialog>`}};B.styles=[x,z,kt],B.properties={client:{attribute:!1},session:{attribute:!1},query:{attribute:!1},items:{state:!0},next:{state:!0},cursors:{state:!0},loading:{state:!0},error:{state:!0},selected:{state:!0},allMatching:{state:!0},live:{state:!0},detail:{state:!0},bulk:{state:!0},active:{state:!0},announce:{state:!0}};w("cdyx-console-callbacks",B);function St(n,t,e,s){return n==="callbacks"?l`<cdyx-console-callbacks .client=${t} .session=${e} .query=${s}></cdyx-console-callbacks>`:l`<h1>${n}</h1><p class="msg">This page is not built yet.</p>`}var Et=v`
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
`;var Ct="velocity-console-tenant",O=class extends f{constructor(){super(),this.notice="",this.busy=!1,this.error=""}firstUpdated(){let t=this.renderRoot.querySelector("#tenant");try{t.value=localStorage.getItem(Ct)||""}catch{}(t.value?this.renderRoot.querySelector("#username"):t).focus()}async submit(t){t.preventDefault();let e=t.target,s=r=>e.querySelector("#"+r).value,i=s("tenant").trim();this.busy=!0,this.error="";try{let r=await this.client.signIn(i,s("username").trim(),s("password"));try{localStorage.setItem(Ct,i)}catch{}this.dispatchEvent(new CustomEvent("vel-signed-in",{detail:{session:r},bubbles:!0,composed:!0}))}catch(r){this.error=Yt(r),e.querySelector("#password").select()}finally{this.busy=!1}}render(){return l`<main class="box">
      <div class="brand"><img src="/logo.svg" alt="" width="32" height="32" /> <span>Velocity console</span></div>
      <h1>Sign in</h1>
      <p class="hint">For supervisor and admin accounts. Agents use the Callbacks widgets in the Webex Contact Center Desktop.</p>
      ${this.notice?l`<p class="msg warn" role="status">${this.notice}</p>`:d}
      <form @submit=${this.submit} novalidate>
        <div><label for="tenant">Tenant</label><input id="tenant" name="tenant" autocomplete="organization" required /></div>
        <div><label for="username">Username</label><input id="username" name="username" autocomplete="username" required /></div>
        <div><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required /></div>
        ${this.error?l`<p class="msg error" role="alert" id="sign-in-error">${this.error}</p>`:d}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy?"Signing in…":"Sign in"}</button>
      </form>
    </main>`}};O.styles=[x,Et],O.properties={client:{attribute:!1},notice:{},busy:{state:!0},error:{state:!0}};function Yt(n){if(n instanceof E){switch(n.status){case 401:return"The tenant, username or password is not right.";case 403:return"This account cannot use the console: "+n.message;case 429:return"Too many failed sign-ins for this account; wait a minute and try again."}return n.message}return n instanceof Error?n.message:String(n)}w("cdyx-console-sign-in",O);var Tt=v`
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
`;var Z=["supervisor","admin"],Ie=["admin"],Me=[{page:"callbacks",label:"Callbacks",roles:Z},{page:"dashboard",label:"Dashboard",roles:Z},{page:"policy",label:"Policy",roles:Z,group:"Settings"},{page:"do-not-call",label:"Do-not-call",roles:Z,group:"Settings"},{page:"accounts",label:"Accounts & keys",roles:Ie,group:"Settings"},{page:"identity",label:"Identity",roles:Ie,group:"Settings"},{page:"layout",label:"Layout snippets",roles:Ie,group:"Settings"},{page:"audit",label:"Audit",roles:Z,group:"Settings"}],D=class extends f{constructor(){super();this.client=new oe;this.onHash=()=>{let e=this.route.page;this.route=Se(),this.route.page!==e&&(this.focusMain=!0)};this.onEnded=()=>{this.session&&(this.session=null,this.client.csrf="",this.notice="Your session has ended (signed out, idle for too long, or too old). Sign in again to go on where you were.")};this.focusMain=!1;this.session=null,this.checking=!0,this.route=Se(),this.notice="",this.theme=it(),this.dark=de(this.theme)}connectedCallback(){super.connectedCallback(),window.addEventListener("hashchange",this.onHash),window.addEventListener(le,this.onEnded),this.unwatch=nt(()=>this.dark=de(this.theme)),this.resume()}disconnectedCallback(){super.disconnectedCallback(),window.removeEventListener("hashchange",this.onHash),window.removeEventListener(le,this.onEnded),this.unwatch?.()}async resume(){try{this.signedIn(await this.client.session())}catch{this.session=null}finally{this.checking=!1}}signedIn(e){this.client.csrf=e.csrfToken,this.session=e,this.notice="",this.focusMain=!0}async signOut(){try{await this.client.signOut()}catch(e){console.warn("[velocity] sign-out",C(e))}this.session=null,this.client.csrf="",this.notice="You signed out."}toggleTheme(){this.theme=this.dark?"light":"dark",rt(this.theme),this.dark=de(this.theme)}updated(e){e.has("dark")&&(document.documentElement.style.colorScheme=this.dark?"dark":"light",document.body.style.background=this.dark?"#1f1f1f":"#f7f7f7");let s=Me.find(i=>i.page===this.route.page);document.title=(this.session?(s?s.label:"Not found")+" · ":"Sign in · ")+"Velocity console",this.focusMain&&this.session&&(this.focusMain=!1,this.renderRoot.querySelector("main")?.focus({preventScroll:!1}))}nav(e){let s=Me.filter(r=>r.roles.includes(e)),i=r=>l`<li><a href=${ce(r.page)} aria-current=${r.page===this.route.page?"page":"false"}>${r.label}</a></li>`;return l`<nav aria-label="Console">
      <ul>
        ${s.filter(r=>!r.group).map(i)}
      </ul>
      <h2 class="group" id="nav-settings">Settings</h2>
      <ul aria-labelledby="nav-settings">
        ${s.filter(r=>r.group==="Settings").map(i)}
      </ul>
    </nav>`}page(e){let s=Me.find(i=>i.page===this.route.page);return s?s.roles.includes(e.role)?St(s.page,this.client,e,this.route.query):l`<h1>${s.label}</h1><p class="msg warn">This page is for admin accounts.</p>`:l`<h1>Not found</h1><p>There is no page "${this.route.page}". <a href=${ce("callbacks")}>Callbacks</a></p>`}render(){if(this.checking)return l`<p class="checking" role="status">Loading the console…</p>`;let e=this.session;return e?l`<a class="skip" href="#main" @click=${s=>{s.preventDefault(),this.renderRoot.querySelector("main")?.focus()}}>Skip to content</a>
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
      </div>`:l`<cdyx-console-sign-in
        .client=${this.client}
        .notice=${this.notice}
        @vel-signed-in=${s=>this.signedIn(s.detail.session)}
      ></cdyx-console-sign-in>`}};D.styles=[et,x,Tt],D.properties={session:{state:!0},checking:{state:!0},route:{state:!0},notice:{state:!0},theme:{state:!0},dark:{type:Boolean,reflect:!0}};w("cdyx-console",D);})();
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

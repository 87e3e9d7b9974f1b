"use strict";(()=>{function Ct(){let r=Ji();if(!r)return"";let t=new URL(r,document.baseURI),e=t.pathname.match(/^(.*)\/assets\/[^/]*$/),i=e?e[1]:t.pathname.replace(/\/[^/]*$/,"");return t.origin+i}function Ji(){let r=document.currentScript;if(r&&r.src)return r.src;try{throw new Error}catch(e){let i=String(e.stack||"").match(/(https?:\/\/[^\s)'"]+?\.js)(?::\d+)*/);if(i)return i[1]}let t=document.querySelector('script[src*="/assets/callback.js"]');return t?t.src:""}var Ce,Te=null,Ae="",Ie="",Xe="",Q="",At=!1,Qe,Xi=new Promise(r=>Qe=r);function It(r){!r||Ae||(Ae=r,Qe())}function St(r){!r||r===Ie||(Ie=r,Qe(),Te&&Xe!==r?console.warn(`[velocity] velocityUrl ${r} came after the Desktop SDK was loaded from ${Xe}: the SDK stays as loaded; the widget's data comes from velocityUrl.`):!Ce&&Q&&Q!==r&&At&&de())}function _e(){return Q&&!Te?`The Desktop SDK could not be loaded from ${Q}/assets/desktop-sdk.js: set the widget's velocityUrl to the Velocity server's address.`:""}function U(){return typeof AGENTX_SERVICE<"u"&&!!AGENTX_SERVICE}function et(){return U()?(Ce??=Qi(),Ce):Promise.resolve(null)}async function Qi(){await Xi;let r=Ie||Ae;for(;;)try{let e=(await import(r+"/assets/desktop-sdk.js")).Desktop;return await e.config.init({widgetName:"cdyx-vel-callback",widgetProvider:"Customer Dynamics Velocity"}),Xe=r,Q="",Te=e}catch(t){let e=Ie||Ae;if(e!==r){console.warn(`[velocity] the Desktop SDK did not load from ${r}; loading it from velocityUrl ${e}`,t),r=e;continue}return Q=r,console.error("[velocity] "+_e(),t),Ce=void 0,null}}var Tt="timeout";function _t(r,t){return new Promise((e,i)=>{let s=setTimeout(()=>i(Tt),t);r.then(n=>(clearTimeout(s),e(n)),n=>(clearTimeout(s),i(n)))})}function es(r,t,e=""){let i={entryPointId:r,destination:t,direction:"OUTBOUND",attributes:{},mediaType:"telephony",outboundType:"OUTDIAL"};return e&&(i.origin=e),{data:i}}function Nt(r){let t=r||{},e=t.details?.data||t.data||{};return String(e.reason||(e.reasonCode?"code "+e.reasonCode:"")||t.message||t.id||"")||"the Desktop gave no reason"}var ee=class extends Error{constructor(e,i){super(i);this.unknown=e}};async function Dt(r,t,e=""){let i=await et();if(!i)throw new ee(!1,_e()||"Dialing works only inside the Webex Contact Center Desktop.");de();try{let s=await _t(i.dialer.startOutdial(es(r,t,e)),25e3);return String(s?.data?.interactionId||s?.interactionId||"")}catch(s){throw new ee(s===Tt||/timeout/i.test(String(s?.id||"")),Nt(s))}}function Se(r){let t=r;if(!t||typeof t!="object")return null;let e=t.interaction&&typeof t.interaction=="object"?t.interaction:t;if(!e.interactionId)return null;let i=e.callAssociatedDetails||{},s=e.callProcessingDetails||{},n=d=>i[d]||s[d]||(typeof e[d]=="string"?e[d]:""),a=/OUTBOUND/i.test(e.contactDirection?.type||e.direction||"")||/OUTDIAL/i.test(e.outboundType||s.outdialType||""),c=String((a?n("dnis"):n("ani")||s.displayAni||n("customerNumber"))||""),l=c.includes("*"),o=String(e.state||"").toLowerCase(),u=!e.isTerminated&&!/^(wrapped_?up|ended|closed|terminated)$/.test(o);return{interactionId:String(e.interactionId),number:l?"":c,masked:l,customerName:String(n("customerName")),outbound:a,state:u?o:"ended",live:u&&!/^(wrapup|post_call)$/.test(o),telephony:String(e.mediaType||"telephony").toLowerCase()==="telephony"}}var O=new Map,Rt=new Map,ce=new EventTarget,Je=!1,ts=0,is=["eAgentOfferContact","eAgentContact","eAgentContactAssigned","eAgentContactAniUpdated","eAgentContactHeld","eAgentContactUnHeld"];function Ee(r,t){r&&(t&&(r={...r,state:t,live:!1}),r.state==="ended"&&!t?O.delete(r.interactionId):O.set(r.interactionId,{...r,seen:++ts}))}var ss=r=>r?.data??r;function de(){At=!0,!(Je||!U())&&(Je=!0,et().then(async r=>{if(!r){Je=!1,ce.dispatchEvent(new Event("change"));return}let t=(e,i,s=r.agentContact)=>s.addEventListener(e,n=>{let a=ss(n);i(Se(a),a||{}),ce.dispatchEvent(new Event("change"))});for(let e of is)t(e,i=>Ee(i));t("eAgentContactEnded",e=>Ee(e,e&&/^(wrapup|post_call)$/.test(e.state)?e.state:"wrapup")),t("eAgentWrapup",e=>Ee(e,"wrapup")),t("eAgentContactWrappedUp",e=>e&&O.delete(e.interactionId)),t("eOutdialFailed",(e,i)=>{let s=String(i.interactionId||i.interaction?.interactionId||"");Rt.set(s,Nt({data:i})),O.delete(s)},r.dialer);try{let e=await _t(r.actions.getTaskMap(),3e3);for(let i of e instanceof Map?e.values():Object.values(e||{})){let s=Se(i);s&&!O.has(s.interactionId)&&Ee(s)}}catch{}ce.dispatchEvent(new Event("change"))}))}function te(r){return de(),ce.addEventListener("change",r),()=>ce.removeEventListener("change",r)}function Mt(r){return O.get(r)}function Ot(){let r=null;for(let t of O.values())t.telephony&&(!r||t.seen>r.seen)&&(r=t);return r}function he(){for(let r of O.values())if(r.telephony)return r}function Lt(r){return r&&Rt.get(r)||""}function Pt(){return Te?.agentStateInfo?.latestData?.isOutboundEnabledForAgent===!1}function zt(r,t){et().then(e=>{let i=e?.actions.fireGeneralAutoDismissNotification;try{i&&Promise.resolve(i.call(e.actions,{data:{type:"info",mode:"autodismiss",title:r,data:t}})).catch(()=>{})}catch{}})}var Ne=globalThis,De=Ne.ShadowRoot&&(Ne.ShadyCSS===void 0||Ne.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,tt=Symbol(),Ut=new WeakMap,ue=class{constructor(t,e,i){if(this._$cssResult$=!0,i!==tt)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(De&&t===void 0){let i=e!==void 0&&e.length===1;i&&(t=Ut.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),i&&Ut.set(e,t))}return t}toString(){return this.cssText}},Ht=r=>new ue(typeof r=="string"?r:r+"",void 0,tt),$=(r,...t)=>{let e=r.length===1?r[0]:t.reduce((i,s,n)=>i+(a=>{if(a._$cssResult$===!0)return a.cssText;if(typeof a=="number")return a;throw Error("Value passed to 'css' function must be a 'css' function result: "+a+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(s)+r[n+1],r[0]);return new ue(e,r,tt)},Bt=(r,t)=>{if(De)r.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let i=document.createElement("style"),s=Ne.litNonce;s!==void 0&&i.setAttribute("nonce",s),i.textContent=e.cssText,r.appendChild(i)}},it=De?r=>r:r=>r instanceof CSSStyleSheet?(t=>{let e="";for(let i of t.cssRules)e+=i.cssText;return Ht(e)})(r):r;var{is:rs,defineProperty:ns,getOwnPropertyDescriptor:as,getOwnPropertyNames:os,getOwnPropertySymbols:ls,getPrototypeOf:cs}=Object,Re=globalThis,qt=Re.trustedTypes,ds=qt?qt.emptyScript:"",hs=Re.reactiveElementPolyfillSupport,pe=(r,t)=>r,st={toAttribute(r,t){switch(t){case Boolean:r=r?ds:null;break;case Object:case Array:r=r==null?r:JSON.stringify(r)}return r},fromAttribute(r,t){let e=r;switch(t){case Boolean:e=r!==null;break;case Number:e=r===null?null:Number(r);break;case Object:case Array:try{e=JSON.parse(r)}catch{e=null}}return e}},jt=(r,t)=>!rs(r,t),Ft={attribute:!0,type:String,converter:st,reflect:!1,useDefault:!1,hasChanged:jt};Symbol.metadata??=Symbol("metadata"),Re.litPropertyMetadata??=new WeakMap;var N=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=Ft){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let i=Symbol(),s=this.getPropertyDescriptor(t,i,e);s!==void 0&&ns(this.prototype,t,s)}}static getPropertyDescriptor(t,e,i){let{get:s,set:n}=as(this.prototype,t)??{get(){return this[e]},set(a){this[e]=a}};return{get:s,set(a){let c=s?.call(this);n?.call(this,a),this.requestUpdate(t,c,i)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??Ft}static _$Ei(){if(this.hasOwnProperty(pe("elementProperties")))return;let t=cs(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(pe("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(pe("properties"))){let e=this.properties,i=[...os(e),...ls(e)];for(let s of i)this.createProperty(s,e[s])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[i,s]of e)this.elementProperties.set(i,s)}this._$Eh=new Map;for(let[e,i]of this.elementProperties){let s=this._$Eu(e,i);s!==void 0&&this._$Eh.set(s,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let i=new Set(t.flat(1/0).reverse());for(let s of i)e.unshift(it(s))}else t!==void 0&&e.push(it(t));return e}static _$Eu(t,e){let i=e.attribute;return i===!1?void 0:typeof i=="string"?i:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let i of e.keys())this.hasOwnProperty(i)&&(t.set(i,this[i]),delete this[i]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Bt(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,i){this._$AK(t,i)}_$ET(t,e){let i=this.constructor.elementProperties.get(t),s=this.constructor._$Eu(t,i);if(s!==void 0&&i.reflect===!0){let n=(i.converter?.toAttribute!==void 0?i.converter:st).toAttribute(e,i.type);this._$Em=t,n==null?this.removeAttribute(s):this.setAttribute(s,n),this._$Em=null}}_$AK(t,e){let i=this.constructor,s=i._$Eh.get(t);if(s!==void 0&&this._$Em!==s){let n=i.getPropertyOptions(s),a=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:st;this._$Em=s;let c=a.fromAttribute(e,n.type);this[s]=c??this._$Ej?.get(s)??c,this._$Em=null}}requestUpdate(t,e,i,s=!1,n){if(t!==void 0){let a=this.constructor;if(s===!1&&(n=this[t]),i??=a.getPropertyOptions(t),!((i.hasChanged??jt)(n,e)||i.useDefault&&i.reflect&&n===this._$Ej?.get(t)&&!this.hasAttribute(a._$Eu(t,i))))return;this.C(t,e,i)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:i,reflect:s,wrapped:n},a){i&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,a??e??this[t]),n!==!0||a!==void 0)||(this._$AL.has(t)||(this.hasUpdated||i||(e=void 0),this._$AL.set(t,e)),s===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[s,n]of this._$Ep)this[s]=n;this._$Ep=void 0}let i=this.constructor.elementProperties;if(i.size>0)for(let[s,n]of i){let{wrapped:a}=n,c=this[s];a!==!0||this._$AL.has(s)||c===void 0||this.C(s,void 0,n,c)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(i=>i.hostUpdate?.()),this.update(e)):this._$EM()}catch(i){throw t=!1,this._$EM(),i}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};N.elementStyles=[],N.shadowRootOptions={mode:"open"},N[pe("elementProperties")]=new Map,N[pe("finalized")]=new Map,hs?.({ReactiveElement:N}),(Re.reactiveElementVersions??=[]).push("2.1.2");var nt=globalThis,Kt=r=>r,Me=nt.trustedTypes,Vt=Me?Me.createPolicy("lit-html",{createHTML:r=>r}):void 0,at="$lit$",D=`lit$${Math.random().toFixed(9).slice(2)}$`,ot="?"+D,us=`<${ot}>`,q=document,fe=()=>q.createComment(""),ge=r=>r===null||typeof r!="object"&&typeof r!="function",lt=Array.isArray,Xt=r=>lt(r)||typeof r?.[Symbol.iterator]=="function",rt=`[ 	
\f\r]`,me=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Gt=/-->/g,Wt=/>/g,H=RegExp(`>|${rt}(?:([^\\s"'>=/]+)(${rt}*=${rt}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Yt=/'/g,Zt=/"/g,Qt=/^(?:script|style|textarea|title)$/i,ct=r=>(t,...e)=>({_$litType$:r,strings:t,values:e}),h=ct(1),Os=ct(2),Ls=ct(3),A=Symbol.for("lit-noChange"),p=Symbol.for("lit-nothing"),Jt=new WeakMap,B=q.createTreeWalker(q,129);function ei(r,t){if(!lt(r)||!r.hasOwnProperty("raw"))throw Error("invalid template strings array");return Vt!==void 0?Vt.createHTML(t):t}var ti=(r,t)=>{let e=r.length-1,i=[],s,n=t===2?"<svg>":t===3?"<math>":"",a=me;for(let c=0;c<e;c++){let l=r[c],o,u,d=-1,f=0;for(;f<l.length&&(a.lastIndex=f,u=a.exec(l),u!==null);)f=a.lastIndex,a===me?u[1]==="!--"?a=Gt:u[1]!==void 0?a=Wt:u[2]!==void 0?(Qt.test(u[2])&&(s=RegExp("</"+u[2],"g")),a=H):u[3]!==void 0&&(a=H):a===H?u[0]===">"?(a=s??me,d=-1):u[1]===void 0?d=-2:(d=a.lastIndex-u[2].length,o=u[1],a=u[3]===void 0?H:u[3]==='"'?Zt:Yt):a===Zt||a===Yt?a=H:a===Gt||a===Wt?a=me:(a=H,s=void 0);let m=a===H&&r[c+1].startsWith("/>")?" ":"";n+=a===me?l+us:d>=0?(i.push(o),l.slice(0,d)+at+l.slice(d)+D+m):l+D+(d===-2?c:m)}return[ei(r,n+(r[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),i]},ve=class r{constructor({strings:t,_$litType$:e},i){let s;this.parts=[];let n=0,a=0,c=t.length-1,l=this.parts,[o,u]=ti(t,e);if(this.el=r.createElement(o,i),B.currentNode=this.el.content,e===2||e===3){let d=this.el.content.firstChild;d.replaceWith(...d.childNodes)}for(;(s=B.nextNode())!==null&&l.length<c;){if(s.nodeType===1){if(s.hasAttributes())for(let d of s.getAttributeNames())if(d.endsWith(at)){let f=u[a++],m=s.getAttribute(d).split(D),v=/([.?@])?(.*)/.exec(f);l.push({type:1,index:n,name:v[2],strings:m,ctor:v[1]==="."?Le:v[1]==="?"?Pe:v[1]==="@"?ze:j}),s.removeAttribute(d)}else d.startsWith(D)&&(l.push({type:6,index:n}),s.removeAttribute(d));if(Qt.test(s.tagName)){let d=s.textContent.split(D),f=d.length-1;if(f>0){s.textContent=Me?Me.emptyScript:"";for(let m=0;m<f;m++)s.append(d[m],fe()),B.nextNode(),l.push({type:2,index:++n});s.append(d[f],fe())}}}else if(s.nodeType===8)if(s.data===ot)l.push({type:2,index:n});else{let d=-1;for(;(d=s.data.indexOf(D,d+1))!==-1;)l.push({type:7,index:n}),d+=D.length-1}n++}}static createElement(t,e){let i=q.createElement("template");return i.innerHTML=t,i}};function F(r,t,e=r,i){if(t===A)return t;let s=i!==void 0?e._$Co?.[i]:e._$Cl,n=ge(t)?void 0:t._$litDirective$;return s?.constructor!==n&&(s?._$AO?.(!1),n===void 0?s=void 0:(s=new n(r),s._$AT(r,e,i)),i!==void 0?(e._$Co??=[])[i]=s:e._$Cl=s),s!==void 0&&(t=F(r,s._$AS(r,t.values),s,i)),t}var Oe=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:i}=this._$AD,s=(t?.creationScope??q).importNode(e,!0);B.currentNode=s;let n=B.nextNode(),a=0,c=0,l=i[0];for(;l!==void 0;){if(a===l.index){let o;l.type===2?o=new ie(n,n.nextSibling,this,t):l.type===1?o=new l.ctor(n,l.name,l.strings,this,t):l.type===6&&(o=new Ue(n,this,t)),this._$AV.push(o),l=i[++c]}a!==l?.index&&(n=B.nextNode(),a++)}return B.currentNode=q,s}p(t){let e=0;for(let i of this._$AV)i!==void 0&&(i.strings!==void 0?(i._$AI(t,i,e),e+=i.strings.length-2):i._$AI(t[e])),e++}},ie=class r{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,i,s){this.type=2,this._$AH=p,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=i,this.options=s,this._$Cv=s?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=F(this,t,e),ge(t)?t===p||t==null||t===""?(this._$AH!==p&&this._$AR(),this._$AH=p):t!==this._$AH&&t!==A&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):Xt(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==p&&ge(this._$AH)?this._$AA.nextSibling.data=t:this.T(q.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:i}=t,s=typeof i=="number"?this._$AC(t):(i.el===void 0&&(i.el=ve.createElement(ei(i.h,i.h[0]),this.options)),i);if(this._$AH?._$AD===s)this._$AH.p(e);else{let n=new Oe(s,this),a=n.u(this.options);n.p(e),this.T(a),this._$AH=n}}_$AC(t){let e=Jt.get(t.strings);return e===void 0&&Jt.set(t.strings,e=new ve(t)),e}k(t){lt(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,i,s=0;for(let n of t)s===e.length?e.push(i=new r(this.O(fe()),this.O(fe()),this,this.options)):i=e[s],i._$AI(n),s++;s<e.length&&(this._$AR(i&&i._$AB.nextSibling,s),e.length=s)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let i=Kt(t).nextSibling;Kt(t).remove(),t=i}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},j=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,i,s,n){this.type=1,this._$AH=p,this._$AN=void 0,this.element=t,this.name=e,this._$AM=s,this.options=n,i.length>2||i[0]!==""||i[1]!==""?(this._$AH=Array(i.length-1).fill(new String),this.strings=i):this._$AH=p}_$AI(t,e=this,i,s){let n=this.strings,a=!1;if(n===void 0)t=F(this,t,e,0),a=!ge(t)||t!==this._$AH&&t!==A,a&&(this._$AH=t);else{let c=t,l,o;for(t=n[0],l=0;l<n.length-1;l++)o=F(this,c[i+l],e,l),o===A&&(o=this._$AH[l]),a||=!ge(o)||o!==this._$AH[l],o===p?t=p:t!==p&&(t+=(o??"")+n[l+1]),this._$AH[l]=o}a&&!s&&this.j(t)}j(t){t===p?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},Le=class extends j{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===p?void 0:t}},Pe=class extends j{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==p)}},ze=class extends j{constructor(t,e,i,s,n){super(t,e,i,s,n),this.type=5}_$AI(t,e=this){if((t=F(this,t,e,0)??p)===A)return;let i=this._$AH,s=t===p&&i!==p||t.capture!==i.capture||t.once!==i.once||t.passive!==i.passive,n=t!==p&&(i===p||s);s&&this.element.removeEventListener(this.name,this,i),n&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},Ue=class{constructor(t,e,i){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=i}get _$AU(){return this._$AM._$AU}_$AI(t){F(this,t)}},ii={M:at,P:D,A:ot,C:1,L:ti,R:Oe,D:Xt,V:F,I:ie,H:j,N:Pe,U:ze,B:Le,F:Ue},ps=nt.litHtmlPolyfillSupport;ps?.(ve,ie),(nt.litHtmlVersions??=[]).push("3.3.3");var si=(r,t,e)=>{let i=e?.renderBefore??t,s=i._$litPart$;if(s===void 0){let n=e?.renderBefore??null;i._$litPart$=s=new ie(t.insertBefore(fe(),n),n,void 0,e??{})}return s._$AI(r),s};var dt=globalThis,y=class extends N{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=si(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return A}};y._$litElement$=!0,y.finalized=!0,dt.litElementHydrateSupport?.({LitElement:y});var ms=dt.litElementPolyfillSupport;ms?.({LitElement:y});(dt.litElementVersions??=[]).push("4.2.2");var ri=$`
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
`,I=$`
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
`;var w=class extends Error{constructor(e){super(e.detail||e.title||e.code||"HTTP "+e.status);this.problem=e}get status(){return this.problem.status}get code(){return this.problem.code}},He=class{constructor(t,e,i){this.base=t;this.creds=e;this.agentId=i;this.skew=0;this.webexToken="";this.root=t+"/api/v1"}async req(t,e,i,s={}){let n={Accept:"application/json","X-Api-Key":this.creds.apiKey,Authorization:"Basic "+this.creds.auth,...s};this.agentId&&(n["X-Agent-Id"]=this.agentId),this.webexToken&&(n["X-Webex-Token"]=this.webexToken),i!==void 0&&(n["Content-Type"]="application/json");let a;try{a=await fetch(this.root+e,{method:t,headers:n,body:i===void 0?void 0:JSON.stringify(i),mode:"cors",credentials:"omit"})}catch{throw new w({status:0,code:"network",detail:"Cannot reach the Velocity server at "+this.base+"."})}let c=Date.parse(a.headers.get("Date")||"");c&&(this.skew=c-Date.now());let l=await a.text(),o;if(l)try{o=JSON.parse(l)}catch{o=void 0}if(!a.ok){let u=o&&typeof o=="object"?o:{};throw new w({...u,status:a.status,code:u.code||"http_"+a.status,detail:u.detail||u.title||a.statusText})}return o}get key(){return[this.base,this.creds.apiKey,this.creds.auth,this.agentId].join(`
`)}async list(t,e){let i=[],s="";for(let n=0;n<20;n++){let a=new URLSearchParams({agentId:e,teamId:t,limit:"500"});s&&a.set("cursor",s);let c=await this.req("GET","/callbacks?"+a);if(i.push(...c.items||[]),!c.nextCursor)break;s=c.nextCursor}return i}create(t,e){return this.req("POST","/callbacks",t,{"Idempotency-Key":e})}update(t,e,i){return this.req("PATCH","/callbacks/"+encodeURIComponent(t),e,i?{"If-Match":String(i)}:{})}claim(t,e){return this.req("POST","/callbacks/"+encodeURIComponent(t)+"/claim",{agentId:e})}release(t,e){return this.req("POST","/callbacks/"+encodeURIComponent(t)+"/release",{agentId:e})}attempt(t,e){return this.req("POST","/callbacks/"+encodeURIComponent(t)+"/attempts",e)}cancel(t,e,i){return this.req("POST","/callbacks/"+encodeURIComponent(t)+"/cancel",{agentId:e,reason:i})}reached(t,e,i){return this.req("POST","/callbacks/"+encodeURIComponent(t)+"/reached",{interactionId:e,agentId:i})}history(t){return this.req("GET","/callbacks/"+encodeURIComponent(t)+"/history")}lookup(t,e){let i=new URLSearchParams({number:t});return e&&i.set("country",e),this.req("GET","/phone-numbers/lookup?"+i)}eventToken(t,e){return this.req("POST","/events/token",{agentId:t,teamId:e})}};function ht(r,t){let e=[];if(r||e.push("velocityApiKey"),t||e.push("velocityAuth"),e.length)return"Velocity is not configured: set "+e.join(" and ")+" in the desktop layout (see the Velocity setup guide).";let i="";try{i=atob(String(t).trim())}catch{return'velocityAuth is not valid Base64. Encode "username:password" in Base64 and put the result in the desktop layout.'}return i.includes(":")?"":'velocityAuth must be the Base64 encoding of "username:password" (with the colon).'}function ni(){if(crypto.randomUUID)return crypto.randomUUID();let r=crypto.getRandomValues(new Uint8Array(16));return Array.from(r,t=>t.toString(16).padStart(2,"0")).join("")}function C(r){return r instanceof w?r.status===401?"Velocity rejected the API key or account (velocityApiKey / velocityAuth). Ask your administrator to check the desktop layout.":(r.status===0,r.message):r instanceof Error?r.message:String(r)}var ai={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},Be=r=>(...t)=>({_$litDirective$:r,values:t}),se=class{constructor(t){}get _$AU(){return this._$AM._$AU}_$AT(t,e,i){this._$Ct=t,this._$AM=e,this._$Ci=i}_$AS(t,e){return this.update(t,e)}update(t,e){return this.render(...e)}};var{I:fs}=ii,oi=r=>r;var li=()=>document.createComment(""),re=(r,t,e)=>{let i=r._$AA.parentNode,s=t===void 0?r._$AB:t._$AA;if(e===void 0){let n=i.insertBefore(li(),s),a=i.insertBefore(li(),s);e=new fs(n,a,r,r.options)}else{let n=e._$AB.nextSibling,a=e._$AM,c=a!==r;if(c){let l;e._$AQ?.(r),e._$AM=r,e._$AP!==void 0&&(l=r._$AU)!==a._$AU&&e._$AP(l)}if(n!==s||c){let l=e._$AA;for(;l!==n;){let o=oi(l).nextSibling;oi(i).insertBefore(l,s),l=o}}}return e},L=(r,t,e=r)=>(r._$AI(t,e),r),gs={},ci=(r,t=gs)=>r._$AH=t,di=r=>r._$AH,qe=r=>{r._$AR(),r._$AA.remove()};var hi=(r,t,e)=>{let i=new Map;for(let s=t;s<=e;s++)i.set(r[s],s);return i},ui=Be(class extends se{constructor(r){if(super(r),r.type!==ai.CHILD)throw Error("repeat() can only be used in text expressions")}dt(r,t,e){let i;e===void 0?e=t:t!==void 0&&(i=t);let s=[],n=[],a=0;for(let c of r)s[a]=i?i(c,a):a,n[a]=e(c,a),a++;return{values:n,keys:s}}render(r,t,e){return this.dt(r,t,e).values}update(r,[t,e,i]){let s=di(r),{values:n,keys:a}=this.dt(t,e,i);if(!Array.isArray(s))return this.ut=a,n;let c=this.ut??=[],l=[],o,u,d=0,f=s.length-1,m=0,v=n.length-1;for(;d<=f&&m<=v;)if(s[d]===null)d++;else if(s[f]===null)f--;else if(c[d]===a[m])l[m]=L(s[d],n[m]),d++,m++;else if(c[f]===a[v])l[v]=L(s[f],n[v]),f--,v--;else if(c[d]===a[v])l[v]=L(s[d],n[v]),re(r,l[v+1],s[d]),d++,v--;else if(c[f]===a[m])l[m]=L(s[f],n[m]),re(r,s[d],s[f]),f--,m++;else if(o===void 0&&(o=hi(a,m,v),u=hi(c,d,f)),o.has(c[d]))if(o.has(c[f])){let g=u.get(a[m]),E=g!==void 0?s[g]:null;if(E===null){let k=re(r,s[d]);L(k,n[m]),l[m]=k}else l[m]=L(E,n[m]),re(r,s[d],E),s[g]=null;m++}else qe(s[f]),f--;else qe(s[d]),d++;for(;m<=v;){let g=re(r,l[v+1]);L(g,n[m]),l[m++]=g}for(;d<=f;){let g=s[d++];g!==null&&qe(g)}return this.ut=a,ci(r,l),A}});var vs={},pi=Be(class extends se{constructor(){super(...arguments),this.ot=vs}render(r,t){return t()}update(r,[t,e]){if(Array.isArray(t)){if(Array.isArray(this.ot)&&this.ot.length===t.length&&t.every((i,s)=>i===this.ot[s]))return A}else if(this.ot===t)return A;return this.ot=Array.isArray(t)?Array.from(t):t,this.render(t,e)}});var M=new Map,ut=new EventTarget;function R(r){ut.dispatchEvent(new CustomEvent("change",{detail:r}))}function vi(r){let t=e=>r(e.detail);return ut.addEventListener("change",t),()=>ut.removeEventListener("change",t)}function pt(r){return M.get(r)}function bi(r){for(let t of M.values())if(t.interactionId===r)return t}function mt(r){let t=M.get(r);t&&(clearTimeout(t.timer),M.delete(r),R(t))}function yi(r){let t=M.get(r.id);if(t){if(r.status!=="scheduled"&&r.status!=="claimed")return mt(r.id);r.status==="claimed"&&r.claimedBy&&r.claimedBy!==t.agentId&&wi(t,r.claimedBy)}}function wi(r,t){clearTimeout(r.timer),r.phase="lost",r.note={kind:"warn",text:`Your claim ran out and ${t} took this callback: they record its outcome now.`},R(r)}var mi=r=>r.replace(/\D/g,"");function fi(){for(let r of M.values()){if(!r.interactionId&&(r.phase==="unknown"||r.phase==="dialing")){let e=he();e&&e.outbound&&mi(e.number)===mi(r.number)&&(r.interactionId=e.interactionId,r.phase==="unknown"&&(r.phase="calling",r.note={kind:"ok",text:"The call connected after all. Record the outcome when it ends."}),R(r))}let t=Lt(r.interactionId);t&&r.phase!=="failed"&&$i(r,t)}}var gi=!1;async function $i(r,t){clearTimeout(r.timer),r.phase="failed",r.note={kind:"error",text:`The Desktop could not dial: ${t}. The callback was released.`},R(r);try{let e=await r.api.release(r.callbackId,r.agentId);r.claim=e}catch{}M.delete(r.callbackId),R(r)}function ki(r){clearTimeout(r.timer);let t=Date.parse(r.claim.claimExpiresAt||"");if(!t)return;let e=t-(Date.now()+r.api.skew);r.timer=setTimeout(()=>{xi(r)},Math.max(1e3,e/2))}async function xi(r){if(!(M.get(r.callbackId)!==r||r.phase==="lost"||!(r.interactionId?Mt(r.interactionId):r.phase==="dialing"||r.phase==="unknown"&&he())))try{r.claim=await r.api.claim(r.callbackId,r.agentId),ki(r),R(r)}catch(e){e instanceof w&&e.code==="already_claimed"?wi(r,String(e.problem.claimedBy||"another agent")):(!(e instanceof w)||e.status===0||e.status>=500)&&(r.timer=setTimeout(()=>{xi(r)},5e3))}}async function Ei(r,t,e,i,s){gi||(gi=!0,de(),te(fi));let n={callbackId:t.id,agentId:e,number:t.phoneNumber,customerName:t.customerName,interactionId:"",phase:"dialing",claim:t,api:r};M.set(n.callbackId,n),ki(n),R(n);try{n.interactionId=await Dt(i,t.phoneNumber,s)||n.interactionId}catch(a){return a instanceof ee&&a.unknown?(n.phase==="dialing"&&(n.phase="unknown",n.note={kind:"warn",text:"The Desktop did not confirm the call within 20 seconds: it may still connect. Record the outcome once you know, or release the callback if no call was made."}),R(n),n):(await $i(n,a instanceof Error?a.message:String(a)),n)}return n.phase!=="dialing"||(n.phase="calling",n.note={kind:"ok",text:"Calling "+n.number+". Record the outcome when the call ends."},R(n),fi()),n}var bs=["created","updated","claimed","released","attempted","completed","failed","cancelled","due","fallback"],Fe=class{constructor(t,e,i,s){this.api=t;this.agentId=e;this.teamId=i;this.h=s;this.stopped=!1;this.failures=0}start(){this.stopped=!1,this.connect()}stop(){this.stopped=!0,clearTimeout(this.timer),this.es?.close(),this.es=void 0,this.h.state("stopped")}async connect(){if(this.stopped)return;this.h.state(this.failures?"retrying":"connecting");let t;try{t=(await this.api.eventToken(this.agentId,this.teamId)).token}catch(n){this.retry(n instanceof Error?n.message:String(n));return}if(this.stopped)return;let e=new EventSource(this.api.root+"/events?token="+encodeURIComponent(t));this.es=e;let i=!1;e.onopen=()=>{this.es===e&&(i=!0,this.failures=0,this.h.state("live"),this.h.resync())};let s=n=>{if(this.es===e)try{this.h.event(JSON.parse(n.data))}catch{}};for(let n of bs)e.addEventListener(n,s);e.onmessage=s,e.onerror=()=>{this.es===e&&(e.close(),this.es=void 0,this.retry(i?"The live connection dropped.":"The live connection could not be opened."))}}retry(t){if(this.stopped)return;this.failures++;let e=Math.min(3e4,500*2**Math.min(this.failures-1,6));this.h.state("retrying",t),clearTimeout(this.timer),this.timer=setTimeout(()=>{this.connect()},e)}};var Ci=new Map;function vt(r,t){let e=(r||"")+JSON.stringify(t),i=Ci.get(e);if(!i){try{i=new Intl.DateTimeFormat(void 0,{...t,timeZone:r||void 0})}catch{i=new Intl.DateTimeFormat(void 0,t)}Ci.set(e,i)}return i}var P=6e4,be=864e5,je=new Map,Ai=new Map,Ke=new Map;function K(r,t){if(!r)return-new Date(t).getTimezoneOffset()*P;let e=r+"|"+Math.floor(t/(15*P)),i=je.get(e);if(i===void 0){let s=ye(new Date(t),r);i=Math.round((Date.UTC(s.y,s.mo-1,s.d,s.h,s.mi)-Math.floor(t/P)*P)/P)*P,je.size>5e3&&je.clear(),je.set(e,i)}return i}function ft(r){let t=(Math.floor(r/P)%1440+1440)%1440,e=Ai.get(t);return e===void 0&&(e=vt("UTC",{hour:"2-digit",minute:"2-digit"}).format(new Date(t*P)),Ai.set(t,e)),e}function ys(r){let t=Ke.get(r);return t===void 0&&(t=vt("UTC",{weekday:"short",month:"short",day:"numeric"}).format(new Date(r*be+12*36e5)),Ke.size>2e3&&Ke.clear(),Ke.set(r,t)),t}function b(r,t,e=new Date){let i=r.getTime(),s=i+K(t,i),n=e.getTime(),a=Math.floor(s/be);return a===Math.floor((n+K(t,n))/be)?ft(s):ys(a)+" "+ft(s)}function V(r,t,e,i=new Date){let s=r.getTime(),n=t.getTime(),a=Math.floor((s+K(e,s))/be)===Math.floor((n+K(e,n))/be);return b(r,e,i)+"–"+(a?ft(n+K(e,n)):b(t,e,i))}function S(r){return r?(r.split("/").pop()||r).replace(/_/g," "):""}function ne(r,t,e){let i=e.getTime();return K(r,i)===K(t,i)}function Ii(){return Intl.DateTimeFormat().resolvedOptions().timeZone||"UTC"}function ye(r,t){let e={};for(let i of vt(t,{year:"numeric",month:"numeric",day:"numeric",hour:"numeric",minute:"numeric",hourCycle:"h23"}).formatToParts(r))i.type!=="literal"&&(e[i.type]=Number(i.value));return{y:e.year,mo:e.month,d:e.day,h:e.hour%24,mi:e.minute}}function gt(r,t){let e=Date.UTC(r.y,r.mo-1,r.d,r.h,r.mi),i=e;for(let s=0;s<2;s++){let n=ye(new Date(i),t),a=Date.UTC(n.y,n.mo-1,n.d,n.h,n.mi);i+=e-a}return new Date(i)}function Si(r,t){let e=ye(r,t),i=s=>String(s).padStart(2,"0");return`${e.y}-${i(e.mo)}-${i(e.d)}T${i(e.h)}:${i(e.mi)}`}function Ti(r,t){let e=/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(r||"");return e?gt({y:+e[1],mo:+e[2],d:+e[3],h:+e[4],mi:+e[5]},t):null}function bt(r,t=new Date){let e=t.getTime()+r*6e4;return new Date(Math.ceil(e/3e5)*3e5)}function _i(r,t,e=new Date){let i=ye(e,t),s=gt({...i,h:12,mi:0},t),n=ye(new Date(s.getTime()+24*36e5),t);return gt({...n,h:r,mi:0},t)}function we(r,t=new Date){let e=Math.round((r.getTime()-t.getTime())/6e4),i=Math.abs(e),s=i<60?i+" min":i<2880?Math.round(i/60)+" h":Math.round(i/1440)+" d";return e>=0?"in "+s:s+" ago"}var Ni=new Set,yt=class{constructor(t,e,i){this.api=t;this.agentId=e;this.teamId=i;this.reminders=new Map;this.state="connecting";this.subs=new Set;this.live=new Fe(t,e,i,{event:s=>this.onEvent(s),resync:()=>this.each(s=>s.resync?.()),state:(s,n)=>{this.state=s,this.each(a=>a.state?.(s,n))}}),this.live.start()}each(t){for(let e of[...this.subs])t(e)}stop(){this.live.stop()}sees(t){return(t.status==="scheduled"||t.status==="claimed")&&(t.agentId===this.agentId||t.agentId===null&&t.teamId===this.teamId)}onEvent(t){let e=t?.callback;e&&(this.reminders.has(e.id)&&(!this.sees(e)||e.status==="claimed"&&e.claimedBy!==this.agentId)&&this.forget(e.id),t.type==="due"&&this.sees(e)&&this.remind(e,"due",e.id+"|due|"+e.windowStart),t.type==="fallback"&&String(t.data?.previousAgentId||"")!==this.agentId&&this.sees(e)&&this.remind(e,"fallback",e.id+"|fallback|"+e.version),this.each(i=>i.event?.(t)))}forget(t){this.reminders.delete(t)&&this.each(e=>e.reminders?.())}clear(){this.reminders.clear(),this.each(t=>t.reminders?.())}remind(t,e,i){let s=t.customerName||t.phoneNumber;if(this.reminders.set(t.id,{id:t.id,kind:e,who:s}),this.each(c=>c.reminders?.()),Ni.has(i))return;Ni.add(i);let n=e==="due"?"Callback due: "+s:"Overdue callback for your team: "+s,a=`${t.phoneNumber} · ${V(new Date(t.windowStart),new Date(t.windowEnd))} your time${t.agentId?" · yours":" · team "+t.teamId}`;if(U())zt(n,a);else if(wt()==="granted")try{let c=new Notification(n,{body:a,tag:i,icon:this.api.base+"/logo.svg"});c.onclick=()=>{window.focus(),this.each(l=>l.reveal?.(t.id)),c.close()}}catch{}}},Ve=new Map;function Ge(r,t,e,i){let s=r.key+`
`+t+`
`+e,n=Ve.get(s);n||Ve.set(s,n=new yt(r,t,e));let a=n;return a.subs.add(i),[a,()=>{a.subs.delete(i),!a.subs.size&&Ve.get(s)===a&&(Ve.delete(s),a.stop())}]}function wt(){return typeof Notification>"u"?"unsupported":Notification.permission}async function Di(){if(typeof Notification>"u")return"unsupported";try{return await Notification.requestPermission()||Notification.permission}catch{return Notification.permission}}var We=null,$t=new EventTarget;function Ri(){return We}function kt(r){r?.interactionId===We?.interactionId&&r?.callback?.id===We?.callback?.id||(We=r,$t.dispatchEvent(new Event("change")))}function Mi(r){return $t.addEventListener("change",r),()=>$t.removeEventListener("change",r)}var Oi={ok:!0,reason:"",next:1/0,stale:!1};function Li(r,t){let e=r.callable;if(!e)return Oi;let i=e.from?Date.parse(e.from):NaN,s=e.until?Date.parse(e.until):NaN,n=r.timezone||void 0,a=o=>b(new Date(o),n,new Date(t)),c=o=>b(new Date(o),void 0,new Date(t)),l=r.timezone?" ("+S(r.timezone)+")":"";return isNaN(i)?e.now?Oi:{ok:!1,reason:e.reason||"Outside the customer's calling hours.",next:1/0,stale:!1}:t<i?{ok:!1,reason:`Outside the customer's calling hours: it is ${a(t)} for them${l}. Calling opens ${a(i)} their time (${c(i)} yours).`,next:i,stale:!1}:isNaN(s)||t<s?{ok:!0,reason:"",next:isNaN(s)?1/0:s,stale:!1}:{ok:!1,reason:`The customer's calling hours closed at ${a(s)} their time${l}.`,next:1/0,stale:!0}}var Ye=h`<svg class="bell" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M8 1.5A4.5 4.5 0 0 0 3.5 6v2.6L2 11v1h12v-1l-1.5-2.4V6A4.5 4.5 0 0 0 8 1.5zM6.3 13a1.7 1.7 0 0 0 3.4 0z" />
</svg>`;var Pi=$`
  :host {
    display: block;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-bottom: 8px;
  }
  .exact {
    display: block;
    font-weight: 400;
    font-size: 12px;
    color: var(--vel-text-2);
    margin-bottom: 2px;
  }
  .hint {
    margin-top: 4px;
  }
`;var ws=0,$s=[{id:"now",label:"As soon as possible",at:null},{id:"h1",label:"In 1 hour",at:r=>bt(60,r)},{id:"h2",label:"In 2 hours",at:r=>bt(120,r)},{id:"tm",label:"Tomorrow morning",at:(r,t)=>_i(9,t||void 0,r)}],G=class extends y{constructor(){super();this.uid="when-"+ ++ws;this.value=null,this.zone="",this.label="When",this.error="",this.allowNow=!0,this.nowLabel="As soon as possible",this.chosen="now"}focus(){this.renderRoot.querySelector("button, input")?.focus()}set(e,i){this.value=e,this.chosen=i,this.dispatchEvent(new CustomEvent("vel-when-change",{detail:{value:e},bubbles:!0,composed:!0}))}pick(e){this.set(e.at?e.at(new Date,this.zone):null,e.id)}onInput(e){let i=Ti(e.target.value);i?this.set(i,"exact"):this.allowNow&&this.set(null,"now")}render(){let e=$s.filter(a=>this.allowNow||a.at).map(a=>a.id==="now"?{...a,label:this.nowLabel}:a),i=this.value===null?this.allowNow?"now":"":this.chosen==="now"?"exact":this.chosen,s=this.value,n=s&&this.zone&&!ne(this.zone,void 0,s);return h`<fieldset aria-describedby="${this.uid}-hint ${this.uid}-err">
      <legend>${this.label}</legend>
      <div class="chips">
        ${e.map(a=>h`<button type="button" class="chip small" aria-pressed=${i===a.id?"true":"false"} @click=${()=>this.pick(a)}>${a.label}</button>`)}
      </div>
      <label class="exact" for="${this.uid}-dt">Date and time (your time)</label>
      <input
        id="${this.uid}-dt"
        type="datetime-local"
        .value=${s?Si(s):""}
        aria-invalid=${this.error?"true":"false"}
        aria-describedby="${this.uid}-hint ${this.uid}-err"
        @change=${this.onInput}
      />
      <div class="hint" id="${this.uid}-hint">
        ${s?h`${b(s)} your time${n?h` · ${b(s,this.zone)} customer's time (${S(this.zone)})`:p}`:this.allowNow?"The callback is due right away.":p}
      </div>
      <div class="field-error" id="${this.uid}-err" role=${this.error?"alert":p}>${this.error}</div>
    </fieldset>`}};G.styles=[I,Pi],G.properties={value:{attribute:!1},zone:{attribute:!1},label:{attribute:!1},error:{attribute:!1},allowNow:{attribute:!1},nowLabel:{attribute:!1},chosen:{state:!0}};function T(r,t){customElements.get(r)||customElements.define(r,t)}T("cdyx-vel-when",G);var zi=$`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 10px;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  .options {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
    gap: 4px 12px;
  }
  .options label {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    font-size: 14px;
    margin: 0;
    min-height: 28px;
    cursor: pointer;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
`;var xt=[["connected","Connected"],["no_answer","No answer"],["busy","Busy"],["voicemail","Voicemail"],["invalid_number","Invalid number"],["declined","Declined"]],Ui=new Set(["no_answer","busy","voicemail"]),ks=0,W=class extends y{constructor(){super();this.uid="outcome-"+ ++ks;this.interactionId="",this.outcome="",this.retryAt=null,this.notes="",this.busy=!1,this.error="",this.fieldErrors={}}focus(){this.renderRoot.querySelector("input")?.focus()}done(e){e&&this.dispatchEvent(new CustomEvent("vel-changed",{detail:{callback:e},bubbles:!0,composed:!0})),this.dispatchEvent(new CustomEvent("vel-done",{bubbles:!0,composed:!0}))}async save(e){if(e.preventDefault(),!this.outcome){this.fieldErrors={outcome:"Pick how the call went."};return}this.busy=!0,this.error="",this.fieldErrors={};try{let i={agentId:this.agentId,outcome:this.outcome};this.notes.trim()&&(i.notes=this.notes.trim()),this.interactionId&&(i.interactionId=this.interactionId),this.retryAt&&Ui.has(this.outcome)&&(i.retryAt=this.retryAt.toISOString());let s=await this.api.attempt(this.callback.id,i);this.done(s)}catch(i){let s={};if(i instanceof w)for(let n of i.problem.fields||[])s[n.field]=n.message;this.fieldErrors=s,this.error=Object.keys(s).length?"":C(i)}finally{this.busy=!1}}async release(){this.busy=!0,this.error="";try{let e=await this.api.release(this.callback.id,this.agentId);this.done(e)}catch(e){this.error=C(e)}finally{this.busy=!1}}render(){let e=this.outcome&&Ui.has(this.outcome),i=this.callback.maxAttempts-this.callback.attempts-1;return h`<form @submit=${this.save} aria-label="Outcome of the call to ${this.callback.customerName||this.callback.phoneNumber}">
      <fieldset aria-describedby="${this.uid}-err">
        <legend>How did the call go?</legend>
        <div class="options">
          ${xt.map(([s,n])=>h`<label
              ><input type="radio" name="${this.uid}" value=${s} .checked=${this.outcome===s} @change=${()=>this.outcome=s} />${n}</label
            >`)}
        </div>
        <div class="field-error" id="${this.uid}-err">${this.fieldErrors.outcome||""}</div>
      </fieldset>
      ${e?i>0?h`<cdyx-vel-when
              .value=${this.retryAt}
              .zone=${this.callback.timezone}
              .label=${"Retry (optional)"}
              .nowLabel=${"Default delay"}
              .error=${this.fieldErrors.retryAt||""}
              @vel-when-change=${s=>this.retryAt=s.detail.value}
            ></cdyx-vel-when>`:h`<div class="msg warn">This was the last attempt allowed; the callback will be marked failed.</div>`:p}
      <div>
        <label for="${this.uid}-notes">Notes (optional)</label>
        <textarea id="${this.uid}-notes" .value=${this.notes} @input=${s=>this.notes=s.target.value}></textarea>
        <div class="field-error">${this.fieldErrors.notes||""}</div>
      </div>
      ${this.error?h`<div class="msg error" role="alert">${this.error}</div>`:p}
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy}>Save outcome</button>
        <button type="button" ?disabled=${this.busy} @click=${this.release}>Release without outcome</button>
      </div>
    </form>`}};W.styles=[I,zi],W.properties={api:{attribute:!1},callback:{attribute:!1},agentId:{attribute:!1},interactionId:{attribute:!1},outcome:{state:!0},retryAt:{state:!0},notes:{state:!0},busy:{state:!0},error:{state:!0},fieldErrors:{state:!0}};T("cdyx-vel-outcome",W);var Hi=$`
  :host {
    display: block;
  }
  .sections {
    display: grid;
    gap: 14px;
  }
  section {
    border-top: 1px solid var(--vel-border);
    padding-top: 10px;
  }
  section:first-child {
    border-top: 0;
    padding-top: 0;
  }
  h3 {
    font-size: 13px;
    margin: 0 0 6px;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 8px;
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: end;
    flex-wrap: wrap;
  }
  .history {
    margin: 0;
    padding-left: 18px;
    font-size: 13px;
    display: grid;
    gap: 2px;
  }
  .row > div {
    flex: 1 1 160px;
  }
`;var xs=0,Y=class extends y{constructor(){super();this.historyFor="";this.uid="editor-"+ ++xs;this.when=null,this.reason="",this.busy=!1,this.error="",this.fieldErrors={},this.ok="",this.history=null}willUpdate(){let e=this.callback?this.callback.id+"@"+this.callback.version:"";this.api&&e&&e!==this.historyFor&&(this.historyFor=e,this.api.history(this.callback.id).then(i=>this.history=[...i.items||[]].reverse(),()=>this.history=[]))}describe(e){let i=e.data||{},s=e.actor?.agentId||e.actor?.account||"Velocity";switch(e.type){case"attempted":return`${s}: attempt ${i.attempt??""}, ${String(i.outcome||"").replace(/_/g," ")}${i.notes?" ("+i.notes+")":""}`;case"cancelled":return`${s}: cancelled${i.reason?" ("+i.reason+")":""}`;case"updated":return`${s}: changed ${Object.keys(i.changes||{}).join(", ")||"details"}`;default:return`${s}: ${e.type}`}}focus(){this.renderRoot.querySelector("cdyx-vel-when")?.focus()}async run(e,i,s=!1){this.busy=!0,this.error="",this.ok="",this.fieldErrors={};try{let n=await i();this.dispatchEvent(new CustomEvent("vel-changed",{detail:{callback:n},bubbles:!0,composed:!0})),this.ok=e,s&&this.dispatchEvent(new CustomEvent("vel-done",{bubbles:!0,composed:!0}))}catch(n){let a={};if(n instanceof w){for(let c of n.problem.fields||[])a[c.field]=c.message;if(n.code==="version_mismatch"){this.error="Someone changed this callback meanwhile; the list shows the latest. Try again.",this.fieldErrors=a;return}}this.fieldErrors=a,this.error=Object.keys(a).length?"":C(n)}finally{this.busy=!1}}reschedule(){let e=this.when||new Date,i=new Date(this.callback.windowEnd).getTime()-new Date(this.callback.windowStart).getTime(),s=new Date(e.getTime()+Math.max(i,15*6e4));return this.run("Rescheduled.",()=>this.api.update(this.callback.id,{windowStart:e.toISOString(),windowEnd:s.toISOString()},this.callback.version),!0)}assign(e){let i={agentId:e};return e===null&&this.teamId&&this.callback.teamId!==this.teamId&&(i.teamId=this.teamId),this.run(e?"Assigned to you.":"Given back to your team.",()=>this.api.update(this.callback.id,i,this.callback.version),!0)}cancel(e){return e.preventDefault(),this.run("Cancelled.",()=>this.api.cancel(this.callback.id,this.agentId,this.reason.trim()),!0)}render(){let e=this.callback,i=e.agentId===this.agentId,s=this.fieldErrors.windowStart||this.fieldErrors.windowEnd||"";return h`<div class="sections">
      <section aria-labelledby="${this.uid}-r">
        <h3 id="${this.uid}-r">Reschedule</h3>
        <cdyx-vel-when
          .value=${this.when}
          .zone=${e.timezone}
          .label=${"New time"}
          .nowLabel=${"Now"}
          .error=${s}
          @vel-when-change=${n=>this.when=n.detail.value}
        ></cdyx-vel-when>
        <div class="buttons"><button class="primary small" ?disabled=${this.busy} @click=${this.reschedule}>Reschedule</button></div>
      </section>
      <section aria-labelledby="${this.uid}-a">
        <h3 id="${this.uid}-a">Assign</h3>
        <div class="buttons">
          <button class="small" ?disabled=${this.busy||i} @click=${()=>this.assign(this.agentId)}>Assign to me</button>
          <button class="small" ?disabled=${this.busy||e.agentId===null} @click=${()=>this.assign(null)}>Give to my team</button>
        </div>
        <div class="field-error">${this.fieldErrors.agentId||this.fieldErrors.teamId||""}</div>
      </section>
      <section aria-labelledby="${this.uid}-c">
        <h3 id="${this.uid}-c">Cancel</h3>
        <form class="row" @submit=${this.cancel}>
          <div>
            <label for="${this.uid}-reason">Reason</label>
            <input id="${this.uid}-reason" .value=${this.reason} @input=${n=>this.reason=n.target.value} placeholder="e.g. customer called in" />
          </div>
          <button class="danger small" type="submit" ?disabled=${this.busy}>Cancel callback</button>
        </form>
        <div class="field-error">${this.fieldErrors.reason||""}</div>
      </section>
      <section aria-labelledby="${this.uid}-h">
        <h3 id="${this.uid}-h">History</h3>
        ${this.history===null?h`<p class="hint">Loading…</p>`:h`<ol class="history">
              ${this.history.slice(0,20).map(n=>h`<li><span class="hint">${b(new Date(n.at))}</span> ${this.describe(n)}</li>`)}
            </ol>`}
      </section>
      ${this.error?h`<div class="msg error" role="alert">${this.error}</div>`:p}
      ${this.ok?h`<div class="msg ok" role="status">${this.ok}</div>`:p}
      <div class="buttons"><button class="small" @click=${()=>this.dispatchEvent(new CustomEvent("vel-done",{bubbles:!0,composed:!0}))}>Close</button></div>
    </div>`}};Y.styles=[I,Hi],Y.properties={api:{attribute:!1},callback:{attribute:!1},agentId:{attribute:!1},teamId:{attribute:!1},when:{state:!0},reason:{state:!0},busy:{state:!0},error:{state:!0},fieldErrors:{state:!0},ok:{state:!0},history:{state:!0}};T("cdyx-vel-editor",Y);var Bi=$`
  :host {
    display: block;
    min-height: 100%;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
    padding: 12px 16px;
    border-bottom: 1px solid var(--vel-border);
    position: sticky;
    top: 0;
    background: var(--vel-bg);
    z-index: 1;
  }
  h1 {
    font-size: 18px;
    margin: 0;
    flex: 1 1 auto;
  }
  .live {
    font-size: 12px;
    color: var(--vel-text-2);
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--vel-border-strong);
  }
  .live[data-state='live'] .dot {
    background: var(--vel-ok);
  }
  .live[data-state='retrying'] .dot {
    background: var(--vel-warn);
  }
  .filter {
    flex: 1 1 200px;
    max-width: 320px;
  }
  .body {
    padding: 4px 16px 16px;
  }
  section {
    margin-top: 12px;
  }
  h2 {
    font-size: 14px;
    margin: 0 0 6px;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .count {
    font-size: 12px;
    font-weight: 600;
    border-radius: 10px;
    padding: 0 8px;
    background: var(--vel-surface-2);
  }
  h2.overdue {
    color: var(--vel-error);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  /* The list is windowed: the ul's padding stands for the rows not rendered. */
  li {
    border: 1px solid var(--vel-border);
    border-radius: var(--vel-radius);
    background: var(--vel-bg);
    padding: 10px 12px;
    margin: 0 0 8px;
  }
  li.reminded {
    box-shadow: 0 0 0 2px var(--vel-accent);
  }
  li[data-group='due'] {
    border-left: 4px solid var(--vel-ok);
  }
  li[data-group='overdue'] {
    border-left: 4px solid var(--vel-error);
  }
  .top {
    display: flex;
    gap: 8px 12px;
    flex-wrap: wrap;
    align-items: flex-start;
  }
  .main {
    flex: 1 1 220px;
    min-width: 0;
  }
  .name {
    font-weight: 700;
    font-size: 15px;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .meta,
  .when {
    font-size: 13px;
    color: var(--vel-text-2);
    overflow-wrap: anywhere;
  }
  .when strong {
    color: var(--vel-text);
    font-weight: 600;
  }
  .phone {
    font-variant-numeric: tabular-nums;
    color: var(--vel-text);
  }
  .badge {
    display: inline-block;
    font-size: 11px;
    font-weight: 700;
    border-radius: 10px;
    padding: 0 8px;
    margin-left: 6px;
    vertical-align: 2px;
    background: var(--vel-surface-2);
    color: var(--vel-text);
  }
  .badge.held {
    background: var(--vel-warn-bg);
    color: var(--vel-warn);
  }
  .badge.new {
    background: var(--vel-info-bg);
    color: var(--vel-text);
  }
  .callable {
    font-size: 13px;
    overflow-wrap: anywhere;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .callable.ok {
    color: var(--vel-ok);
  }
  .callable.ok .dot {
    background: var(--vel-ok);
    flex: none;
  }
  .callable.no {
    color: var(--vel-warn);
  }
  .reminders {
    font-weight: 700;
    background: var(--vel-info-bg);
    border-color: var(--vel-accent);
  }
  .reminders {
    display: inline-flex;
    align-items: center;
  }
  .reminders .n {
    margin: 0 2px 0 4px;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--vel-focus);
  }
  .notes {
    margin-top: 4px;
    font-size: 13px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .panel {
    margin-top: 10px;
    padding-top: 10px;
    border-top: 1px dashed var(--vel-border);
  }
  .empty {
    color: var(--vel-text-2);
    padding: 24px 0;
    text-align: center;
  }
  .notice {
    margin: 8px 0 0;
  }
`;var $e=[["due","Due now"],["overdue","Overdue"],["upcoming","Upcoming"]],Es=new Map(xt),qi=700,Fi=8,ji=80,Z=class extends y{constructor(){super();this.lastRenderMs=0;this.lastFullRenderMs=0;this.renderedRows=0;this.unwatch=[];this.subscribed="";this.subApi=null;this.generation=0;this.buffered=null;this.staleReload=0;this.heights=new Map;this.est=120;this.measuredSum=0;this.measuredCount=0;this.ulTops={};this.bodyTop=0;this.clip={top:0,bottom:typeof innerHeight=="number"?innerHeight:900};this.sorted={due:[],overdue:[],upcoming:[]};this.ranges={due:[0,0],overdue:[0,0],upcoming:[0,0]};this.focusId="";this.scrollers=[];this.frame=0;this.passes=0;this.observed=new Set;this.onScroll=()=>{this.frame||(this.frame=requestAnimationFrame(()=>{this.frame=0,this.passes=0,this.measure(!1)}))};this.api=null,this.agentId="",this.teamId="",this.agentName="",this.outdialEp="",this.items=new Map,this.loading=!1,this.error="",this.live="stopped",this.filter="",this.open=null,this.notices=new Map,this.dialing=new Set,this.now=new Date,this.announce="",this.reminded=new Map,this.permission=wt()}connectedCallback(){super.connectedCallback(),this.requestUpdate();let e=()=>this.requestUpdate();this.unwatch=[te(e),Mi(e),vi(i=>i&&this.onDial(i))],this.ro=new ResizeObserver(i=>{let s=!1;for(let n of i)n.target.isConnected?s=!0:(this.ro?.unobserve(n.target),this.observed.delete(n.target));s&&this.onScroll()}),this.ro.observe(this),addEventListener("resize",this.onScroll,{passive:!0}),addEventListener("scroll",this.onScroll,{passive:!0,capture:!0})}disconnectedCallback(){super.disconnectedCallback(),clearTimeout(this.timer),this.leaveFeed();for(let e of this.unwatch)e();this.ro?.disconnect(),this.observed.clear(),removeEventListener("resize",this.onScroll),removeEventListener("scroll",this.onScroll,{capture:!0});for(let e of this.scrollers)e.removeEventListener("scroll",this.onScroll);this.scrollers=[],cancelAnimationFrame(this.frame),this.frame=0}willUpdate(e){(e.has("api")||e.has("agentId")||e.has("teamId")||!this.feed)&&this.resubscribe()}leaveFeed(){this.leave?.(),this.leave=this.feed=void 0,this.subApi=null}resubscribe(){if(!this.isConnected||!this.api||!this.agentId||!this.teamId)return this.leaveFeed();let e=this.agentId+"|"+this.teamId;this.feed&&this.subApi===this.api&&e===this.subscribed||(this.leaveFeed(),this.subApi=this.api,this.subscribed=e,this.items=new Map,this.open=null,this.notices=new Map,[this.feed,this.leave]=Ge(this.api,this.agentId,this.teamId,{event:i=>this.onEvent(i),resync:()=>{this.load()},state:i=>this.live=i,reminders:()=>this.reminded=new Map(this.feed?.reminders),reveal:i=>{this.reveal(i)}}),this.live=this.feed.state,this.reminded=new Map(this.feed.reminders),this.load())}async load(){let e=this.api;if(!e)return;let i=++this.generation;this.loading=!0,this.buffered=[];try{let s=await e.list(this.teamId,this.agentId);if(i!==this.generation)return;let n=performance.now(),a=new Map;for(let o of s)this.visible(o)&&a.set(o.id,o);let c=this.buffered||[];this.buffered=null,this.items=a;for(let o of c)this.apply(o.callback);this.error="",this.loading=!1;for(let o=0;o<5&&!await this.updateComplete;o++);this.renderRoot.querySelector(".body")?.getBoundingClientRect();let l=performance.now()-n;this.lastRenderMs=l,this.lastFullRenderMs=l;try{performance.measure("vel-list-render",{start:n,end:n+l,detail:{count:this.items.size,rows:this.renderedRows}})}catch{}this.dispatchEvent(new CustomEvent("vel-rendered",{detail:{count:this.items.size,ms:l,fullMs:l,rows:this.renderedRows},bubbles:!0,composed:!0}))}catch(s){if(i!==this.generation)return;this.buffered=null,this.loading=!1,this.error=C(s)}}visible(e){return e.status!=="scheduled"&&e.status!=="claimed"?!1:e.agentId===this.agentId||e.agentId===null&&e.teamId===this.teamId}apply(e){let i=this.items.get(e.id);if(i&&i.version>e.version)return;let s=new Map(this.items);this.visible(e)?s.set(e.id,e):(s.delete(e.id),this.open?.id===e.id&&(this.open=null)),this.items=s,yi(e)}onEvent(e){if(!e||!e.callback)return;this.buffered&&this.buffered.push(e);let i=this.items.get(e.callback.id);this.apply(e.callback);let s=e.callback,n=e.actor?.agentId===this.agentId;!n&&e.type==="created"&&this.items.has(s.id)&&(this.announce="New callback: "+(s.customerName||s.phoneNumber)),!n&&e.type==="claimed"&&i&&this.open?.id===s.id&&this.open.panel==="edit"&&this.note(s.id,{kind:"warn",text:(s.claimedBy||"Another agent")+" is calling this customer now."});let a=this.feed?.reminders.get(s.id);a&&(e.type==="due"||e.type==="fallback")&&(this.announce=a.kind==="due"?`Callback due now: ${a.who}.`:`Overdue callback handed to your team: ${a.who}.`),e.type==="fallback"&&String(e.data?.previousAgentId||"")===this.agentId&&this.note(s.id,{kind:"warn",text:`This callback stayed overdue, so it was handed to your team (${s.teamId}): any teammate may dial it now.`})}onDial(e){e.note&&this.note(e.callbackId,e.note),(e.phase==="failed"||e.phase==="lost")&&this.open?.id===e.callbackId&&(this.open=null),this.apply(e.claim),this.requestUpdate()}async reveal(e){this.feed?.forget(e),this.filter="",this.focusId=e,await this.scrollToRow(e),this.renderRoot.querySelector(`li[data-callback-id="${CSS.escape(e)}"] button`)?.focus()}async scrollToRow(e){for(let i=0;i<4;i++){await this.updateComplete;let s=this.renderRoot.querySelector(`li[data-callback-id="${CSS.escape(e)}"]`);if(s){s.scrollIntoView({block:"center"}),this.measure(!1),await this.updateComplete;return}let n=$e.find(([u])=>this.sorted[u].some(d=>d.id===e))?.[0];if(!n)return;let a=this.renderRoot.querySelector(`ul[data-group="${n}"]`),c=this.sorted[n].findIndex(u=>u.id===e),l=this.offsets(n)[c];if(!a)return;let o=a.getBoundingClientRect().top+l;this.nudge(o-(this.clip.top+this.clip.bottom)/2),this.measure(!1)}}nudge(e){for(let i of this.scrollers)if(i instanceof Element&&i.scrollHeight>i.clientHeight){i.scrollTop+=e;return}window.scrollBy(0,e)}async openReminders(){let e=$e.flatMap(([i])=>this.sorted[i]).find(i=>this.reminded.has(i.id));e?await this.reveal(e.id):this.feed?.clear()}async turnOnReminders(){this.permission=await Di(),this.announce=this.permission==="granted"?"Reminders are on: you get a desktop notification when a callback falls due.":"The browser did not allow desktop notifications."}note(e,i){let s=new Map(this.notices);i?s.set(e,i):s.delete(e),this.notices=s,i&&(this.announce=i.text)}group(e,i){let s=Date.parse(e.windowStart);return Date.parse(e.windowEnd)<=i?"overdue":s<=i?"due":"upcoming"}heldByOther(e){return e.status==="claimed"&&!!e.claimedBy&&e.claimedBy!==this.agentId&&(!e.claimExpiresAt||Date.parse(e.claimExpiresAt)>Date.now())}claimRefused(e,i){let s=e.problem;switch(e.code){case"already_claimed":return`${String(s.claimedBy||"")||"Another agent"} already took this callback. Nothing was dialed.`;case"personal_callback":return"This is another agent's personal callback. Nothing was dialed.";case"outside_calling_hours":{let n=typeof s.timezone=="string"&&s.timezone?s.timezone:i.timezone,a=typeof s.nextCallableAt=="string"?Date.parse(s.nextCallableAt):NaN,c=new Date,l=isNaN(a)?"":` Calling opens ${b(new Date(a),n,c)} their time (${b(new Date(a),void 0,c)} yours).`;return`It is outside the customer's calling hours (${b(c,n,c)} for them, ${S(n)}).${l} Nothing was dialed.`}case"do_not_call":return"This number is on the do-not-call list: it must not be called. Nothing was dialed.";default:return"This callback cannot be dialed now ("+e.message+"). Nothing was dialed."}}whyNoDial(){if(!this.outdialEp)return"No outdial entry point for this agent ($STORE.agent.outDialEp): dialing is off.";if(!U())return"Dialing works only inside the Webex Contact Center Desktop.";let e=_e();if(e)return e+" Dialing is off.";if(this.outboundEnabled===!1||this.outboundEnabled==="false"||Pt())return"Outbound calls are off for you in the Desktop: ask your administrator to allow outdial.";let i=he();return i?i.live?"You are on a call: Dial is back when it ends.":"You are wrapping up a call: Dial is back when you finish.":""}origin(){let e=a=>typeof a=="string"&&/^\+?[\d\s().-]{5,}$/.test(a.trim())?a.trim():"",i=this.outdialAni;if(!i)return"";if(typeof i=="string")return i.trim();let s=Array.isArray(i.data)?i.data:null,n=s?s.length===1?s[0]:null:i;return n?e(n.id)||e(n.name)||e(n.number):""}async dial(e){if(this.dialing.has(e.id))return;let i=this.whyNoDial();if(i)return this.note(e.id,{kind:"error",text:i+" Nothing was dialed."});let s=this.api;this.dialing=new Set(this.dialing).add(e.id),this.note(e.id,null);try{let n;try{n=await s.claim(e.id,this.agentId)}catch(c){c instanceof w&&c.status===409?this.note(e.id,{kind:"warn",text:this.claimRefused(c,e)}):this.note(e.id,{kind:"error",text:C(c)+" Nothing was dialed."});return}this.apply(n),this.feed?.forget(e.id);let a=await Ei(s,n,this.agentId,this.outdialEp,this.origin());a.phase==="calling"||a.phase==="unknown"?(this.open={id:e.id,panel:"outcome"},this.updateComplete.then(()=>this.renderRoot.querySelector(`li[data-callback-id="${CSS.escape(e.id)}"] cdyx-vel-outcome`)?.focus())):this.open?.id===e.id&&(this.open=null)}finally{let n=new Set(this.dialing);n.delete(e.id),this.dialing=n}}toggle(e,i){this.open=this.open?.id===e&&this.open.panel===i?null:{id:e,panel:i},this.open&&this.updateComplete.then(()=>this.renderRoot.querySelector(`li[data-callback-id="${CSS.escape(e)}"] .panel > *`)?.focus())}onClick(e){let i=e.target?.closest?.("button[data-act]"),s=i?.closest("li")?.dataset.callbackId;if(!i||!s||i.disabled)return;let n=this.items.get(s);if(!n)return;let a=i.dataset.act;a==="dial"?this.dial(n):a==="outcome"?this.toggle(s,"outcome"):a==="edit"&&this.toggle(s,"edit")}onFocusIn(e){let i=e.composedPath().find(s=>s instanceof HTMLLIElement&&s.dataset.callbackId)||null;this.focusId=i?.dataset.callbackId||""}onChanged(e){let i=e.detail.callback;this.apply(i),i.status==="completed"?(this.note(i.id,null),this.announce="Callback completed."):i.status==="failed"?this.announce="Callback failed: no attempts left.":i.status==="cancelled"?this.announce="Callback cancelled.":i.lastOutcome&&i.attempts&&this.note(i.id,{kind:"ok",text:`Saved. Retry ${we(new Date(i.windowStart))}.`})}onDone(e){this.open?.id===e&&(this.open=null)}matchesFilter(e,i){return i?[e.customerName,e.phoneNumber,e.notes,e.reason,e.agentId||"",e.claimedBy||"",e.teamId].some(s=>s&&s.toLowerCase().includes(i)):!0}offsets(e){let i=this.sorted[e],s=new Array(i.length+1),n=0;for(let a=0;a<i.length;a++)s[a]=n,n+=this.heights.get(i[a].id)??this.est;return s[i.length]=n,s}window(){let e={due:[0,0],overdue:[0,0],upcoming:[0,0]},i=this.bodyTop+40;for(let[s]of $e){let n=this.sorted[s];if(!n.length)continue;let a=this.offsets(s),c=this.ulTops[s]??i,l=this.clip.top-qi-c,o=this.clip.bottom+qi-c,u=0;for(;u<n.length&&a[u+1]<=l;)u++;let d=u;for(;d<n.length&&a[d]<o;)d++;for(let f of[this.open?.id,this.focusId]){if(!f)continue;let m=n.findIndex(v=>v.id===f);m<0||(m<u&&u-m<=ji&&(u=m),m>=d&&m-d<ji&&(d=m+1))}e[s]=[u,d],i=c+a[n.length]+40}return e}findScrollers(){for(let s of this.scrollers)s.removeEventListener("scroll",this.onScroll);let e=[],i=this;for(;i;){if(i instanceof Element){let s=getComputedStyle(i).overflowY;(s==="auto"||s==="scroll"||s==="overlay"||s==="hidden")&&e.push(i)}i=i.parentNode instanceof ShadowRoot?i.parentNode.host:i.parentNode}for(let s of e)s.addEventListener("scroll",this.onScroll,{passive:!0});this.scrollers=e}measure(e){if(!this.isConnected)return;this.scrollers.length||this.findScrollers();let i=0,s=innerHeight;for(let o of this.scrollers){if(!(o instanceof Element))continue;let u=o.getBoundingClientRect();i=Math.max(i,u.top),s=Math.min(s,u.bottom)}this.clip={top:i,bottom:Math.max(i,s)};let n=this.renderRoot.querySelector(".body");n&&(this.bodyTop=n.getBoundingClientRect().top);for(let o of this.renderRoot.querySelectorAll("ul > li[data-callback-id]")){let u=o.dataset.callbackId,d=o.getBoundingClientRect().height+Fi;if(d<=Fi)continue;let f=this.heights.get(u);f===void 0?(this.measuredSum+=d,this.measuredCount++):this.measuredSum+=d-f,this.heights.set(u,d),this.ro&&!this.observed.has(o)&&(this.observed.add(o),this.ro.observe(o))}this.measuredCount&&(this.est=this.measuredSum/this.measuredCount);let a={};for(let o of this.renderRoot.querySelectorAll("ul[data-group]"))a[o.dataset.group]=o.getBoundingClientRect().top;this.ulTops=a;let c=this.window();$e.some(([o])=>c[o][0]!==this.ranges[o][0]||c[o][1]!==this.ranges[o][1])&&this.passes++<(e?4:6)&&this.requestUpdate()}updated(){this.measure(!0),this.schedule()}schedule(){clearTimeout(this.timer);let e=Date.now(),i=(Math.floor(e/6e4)+1)*6e4,s=!1;for(let n of this.items.values()){let a=Date.parse(n.windowStart),c=Date.parse(n.windowEnd);a>e&&a<i&&(i=a),c>e&&c<i&&(i=c);let l=n.callable;if(l){let o=l.from?Date.parse(l.from):NaN,u=l.until?Date.parse(l.until):NaN;o>e&&o<i&&(i=o),u>e&&u<i&&(i=u),u<=e&&(s=!0)}}s&&!this.loading&&e-this.staleReload>6e4&&this.api&&(this.staleReload=e,this.load()),this.timer=setTimeout(()=>{this.passes=0,this.now=new Date},Math.max(50,i-e+20))}row(e,i,s,n,a,c,l,o,u){let d=new Date(e.windowStart),f=new Date(e.windowEnd),m=this.heldByOther(e),v=e.status==="claimed"&&e.claimedBy===this.agentId||e.status==="scheduled"&&(o?.phase==="calling"||o?.phase==="unknown");!n.ok&&!v&&(l=n.reason);let g=this.open?.id===e.id?this.open.panel:null,E=this.notices.get(e.id)||o?.note,k=this.dialing.has(e.id),_=this.reminded.get(e.id),z=e.customerName||"Unknown customer",ae=e.agentId===null?"Team":e.agentId===this.agentId?"Mine":e.agentId,x=m?"Held by "+e.claimedBy:v?"You are calling":"",ke=e.phoneNumber+" · "+e.attempts+(e.attempts===1?" attempt of ":" attempts of ")+e.maxAttempts+(e.lastOutcome?" · last: "+(Es.get(e.lastOutcome)||e.lastOutcome):""),xe=e.timezone&&!ne(e.timezone,void 0,d)?`customer ${V(d,f,e.timezone,s)} (${S(e.timezone)})`:`same time for the customer (${S(e.timezone)})`,oe=i==="upcoming"?we(d,s):i==="overdue"?"ended "+we(f,s):"ends "+we(f,s),le=v?"Record outcome":k?"Dialing…":"Dial",Zi=b(s,e.timezone||void 0,s),Et="why-"+e.id;return h`<li
      data-callback-id=${e.id}
      data-phone=${e.phoneNumber}
      data-group=${i}
      data-attempts=${e.attempts}
      data-callable=${n.ok?"true":"false"}
      aria-posinset=${a}
      aria-setsize=${c}
      class=${(g?"open":"")+(_?" reminded":"")}
    >
      <div class="top">
        <div class="main">
          <p class="name">
            ${z}<span class="badge">${ae}</span>${x?h`<span class="badge held">${x}</span>`:p}${u?h`<span class="badge new caller">Calling in now</span>`:p}${_?h`<span class="badge new">${_.kind==="due"?"Just due":"Handed to team"}</span>`:p}
          </p>
          <div class="meta">${ke}</div>
          <div class="when">${e.attempts?"Retry":"Window"} <strong class="window" data-start=${e.windowStart}>${V(d,f,void 0,s)}</strong> · ${xe} · ${oe}</div>
          <div class="callable ${n.ok&&!l?"ok":"no"}" id=${Et}>
            ${l&&!v?l:n.ok?h`<span class="dot" aria-hidden="true"></span>Callable now · ${Zi} for the customer`:n.reason}
          </div>
          ${e.notes||e.reason?h`<div class="notes">${e.notes}${e.notes&&e.reason?`
`:""}${e.reason?"Reason: "+e.reason:""}</div>`:p}
        </div>
        <div class="actions">
          <button
            class=${v?"primary":"primary dial"}
            data-act=${v?"outcome":"dial"}
            ?disabled=${!v&&(m||k||!!l)}
            aria-expanded=${v?g==="outcome"?"true":"false":p}
            aria-label="${le} ${z}${v?"":" at "+e.phoneNumber}"
            aria-describedby=${!v&&l?Et:p}
          >
            ${le}
          </button>
          <button class="more" data-act="edit" aria-expanded=${g==="edit"?"true":"false"} aria-label="Change callback for ${z}">Change</button>
        </div>
      </div>
      ${E?h`<div class="msg notice ${E.kind}">${E.text}</div>`:p}
      ${g?this.panel(e,g):p}
    </li>`}panel(e,i){return i==="outcome"?h`<div class="panel">
          <cdyx-vel-outcome
            .api=${this.api}
            .callback=${e}
            .agentId=${this.agentId}
            .interactionId=${pt(e.id)?.interactionId||""}
            @vel-changed=${this.onChanged}
            @vel-done=${()=>(mt(e.id),this.onDone(e.id))}
          ></cdyx-vel-outcome>
        </div>`:h`<div class="panel">
          <cdyx-vel-editor
            .api=${this.api}
            .callback=${e}
            .agentId=${this.agentId}
            .teamId=${this.teamId}
            @vel-changed=${this.onChanged}
            @vel-done=${()=>this.onDone(e.id)}
          ></cdyx-vel-editor>
        </div>`}reminderBar(){let e=this.reminded.size,i=this.permission;return h`${e?h`<button class="small reminders" @click=${this.openReminders} aria-label="${e} ${e===1?"callback needs":"callbacks need"} you now: show">
          ${Ye}<span class="n">${e}</span> due
        </button>`:p}
    ${i==="default"&&!U()?h`<button class="small" id="notify-on" @click=${this.turnOnReminders}>Turn on reminders</button>`:p}`}render(){let e=this.filter.trim().toLowerCase(),i=new Date,s=i.getTime(),n=Math.floor(s/6e4),a={due:[],overdue:[],upcoming:[]},c=0;for(let g of this.items.values())c++,this.matchesFilter(g,e)&&a[this.group(g,s)].push(g);for(let g of Object.values(a))g.sort((E,k)=>E.windowStart<k.windowStart?-1:E.windowStart>k.windowStart?1:E.id<k.id?-1:1);this.sorted=a;let l=this.window();this.ranges=l;let o=a.due.length+a.overdue.length+a.upcoming.length,u=0,d=this.whyNoDial(),f=Ri()?.callback?.id,m=this.live==="live"?"Live":this.live==="retrying"?"Reconnecting…":this.live==="connecting"?"Connecting…":"Offline",v=h`<header>
        <h1>Callbacks</h1>
        ${this.reminderBar()}
        <span class="live" data-state=${this.live}><span class="dot" aria-hidden="true"></span>${m}</span>
        <div class="filter">
          <label class="sr-only" for="filter">Filter callbacks</label>
          <input id="filter" type="search" placeholder="Filter by name, number, notes" .value=${this.filter} @input=${g=>this.filter=g.target.value} />
        </div>
        <button class="small" @click=${()=>this.load()} ?disabled=${this.loading}>Refresh</button>
      </header>
      <div class="sr-only" role="status" aria-live="polite">${this.announce}</div>
      <div class="body" @click=${this.onClick} @focusin=${this.onFocusIn}>
        ${this.error?h`<div class="msg error" role="alert">${this.error}</div>`:p}
        ${d?h`<div class="msg warn blocked">${d}</div>`:p}
        ${$e.map(([g,E])=>{let k=a[g];if(!k.length)return p;let[_,z]=l[g],ae=this.offsets(g);return u+=z-_,h`<section aria-labelledby="h-${g}" data-group=${g}>
            <h2 id="h-${g}" class=${g} tabindex="-1">${E}<span class="count">${k.length}</span></h2>
            <ul data-group=${g} style="padding-top:${ae[_]}px;padding-bottom:${ae[k.length]-ae[z]}px">
              ${ui(k.slice(_,z),x=>x.id,(x,ke)=>{let xe=Li(x,s),oe=pt(x.id),le=x.id===f;return pi([x,g,n,xe.ok,this.open?.id===x.id?this.open.panel:"",this.notices.get(x.id),this.dialing.has(x.id),this.reminded.get(x.id),this.agentId,_+ke,d,oe?.phase,oe?.note,le],()=>this.row(x,g,i,xe,_+ke+1,k.length,d,oe,le))})}
            </ul>
          </section>`})}
        ${!o&&!this.error?h`<p class="empty">${this.loading?"Loading callbacks…":c?"No callback matches the filter.":"No open callbacks for you or your team."}</p>`:p}
      </div>`;return this.renderedRows=u,v}};Z.styles=[I,Bi],Z.properties={api:{attribute:!1},agentId:{attribute:!1},teamId:{attribute:!1},agentName:{attribute:!1},outdialEp:{attribute:!1},outdialAni:{attribute:!1},outboundEnabled:{attribute:!1},items:{state:!0},loading:{state:!0},error:{state:!0},live:{state:!0},filter:{state:!0},open:{state:!0},notices:{state:!0},dialing:{state:!0},now:{state:!0},announce:{state:!0},reminded:{state:!0},permission:{state:!0}};T("cdyx-vel-callback-list",Z);var Ki=$`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 14px;
    padding: 12px 16px 16px;
  }
  h1 {
    font-size: 16px;
    margin: 0;
  }
  .call {
    font-size: 12px;
    color: var(--vel-text-2);
  }
  .two {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
    gap: 14px;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
  }
  .radios label {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 400;
    font-size: 14px;
    margin: 0;
    min-height: 28px;
    cursor: pointer;
  }
  .match p {
    margin: 0 0 8px;
  }
  .match button {
    margin-right: 8px;
  }
  .masked {
    color: var(--vel-warn);
  }
  .buttons {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
`;var Cs=[[30,"30 minutes"],[60,"1 hour"],[120,"2 hours"],[240,"4 hours"]],As={phoneNumber:"phone",country:"phone",customerName:"name",timezone:"zone",windowStart:"when",windowEnd:"when",notes:"notes",reason:"notes",agentId:"owner",teamId:"owner",sourceInteractionId:"form",createdBy:"form",maxAttempts:"form"},Ze,Is;function Ss(){if(!Ze)try{Ze=Intl.supportedValuesOf("timeZone")}catch{Ze=["America/New_York","America/Chicago","America/Denver","America/Los_Angeles","Europe/London","Europe/Paris","Asia/Kolkata","Australia/Sydney"]}return Ze}var J=class extends y{constructor(){super();this.interactionId="";this.dirty=!1;this.feedKey="";this.matched="";this.lookupSeq=0;this.api=null,this.agentId="",this.teamId="",this.agentName="",this.call=null,this.busy=!1,this.created=null,this.suggestion=null,this.length=60,this.owner="team",this.lookup=null,this.lookupError="",this.due=0,this.match=null,this.matchNote=null,this.reset()}reset(){this.name="",this.phone="",this.zone="",this.when=null,this.notes="",this.errors={},this.interactionId="",this.dirty=!1,this.lookup=null,this.lookupError=""}willUpdate(e){(e.has("phone")||e.has("api"))&&this.scheduleLookup(),e.has("selected")?this.syncCall():e.has("api")&&this.matchCaller();let i=this.api?this.api.key+`
`+this.agentId+`
`+this.teamId:"";if(i!==this.feedKey&&this.isConnected&&(this.feedKey=i,this.leave?.(),this.leave=this.feed=void 0,this.api&&this.agentId&&this.teamId)){let s=()=>this.due=this.feed?.reminders.size||0;[this.feed,this.leave]=Ge(this.api,this.agentId,this.teamId,{reminders:s}),s()}}scheduleLookup(){clearTimeout(this.lookupTimer);let e=this.phone.trim(),i=++this.lookupSeq;if(!e||!this.api){this.lookup=null,this.lookupError="";return}this.lookup&&this.lookup.phoneNumber===e||(this.lookupTimer=setTimeout(async()=>{let s=this.api;if(s)try{let n=await s.lookup(e);if(i!==this.lookupSeq)return;this.lookup=n,this.lookupError=""}catch(n){if(i!==this.lookupSeq)return;this.lookup=null,this.lookupError=n instanceof w&&n.status===422?(n.problem.fields||[]).map(a=>a.message).join(" ")||n.message:""}},300))}customerZone(){return this.zone||this.lookup?.timezone||this.lookup?.defaultTimezone||""}connectedCallback(){super.connectedCallback(),this.feedKey="",this.clockTimer=setInterval(()=>this.lookup&&this.requestUpdate(),3e4),this.unwatch=te(()=>this.syncCall()),this.syncCall()}disconnectedCallback(){super.disconnectedCallback(),this.unwatch?.(),this.leave?.(),this.leave=this.feed=void 0,clearTimeout(this.lookupTimer),clearInterval(this.clockTimer)}syncCall(){let e=this.selected!==void 0?Se(this.selected):Ot(),i=e&&e.telephony?e:null;i?this.call?.interactionId===i.interactionId?this.call=i:this.prefill(i):this.call&&(this.call=null,this.dirty||this.reset()),this.matchCaller()}prefill(e){let i=this.call?.interactionId===e.interactionId;this.call=e,!(i&&this.dirty)&&(!i&&this.dirty&&this.interactionId||(this.created=null,this.errors={},this.phone=e.number,this.name=e.customerName||e.outbound&&bi(e.interactionId)?.customerName||"",this.interactionId=e.interactionId))}async matchCaller(){let e=this.call;if(!e||e.outbound||!e.number||!this.api){this.matched="",this.match=null,this.matchNote=null,kt(null);return}if(this.matched!==e.interactionId){this.matched=e.interactionId,this.match=null,this.matchNote=null;try{let i=await this.api.lookup(e.number);if(this.call?.interactionId!==e.interactionId)return;this.match=i.openCallback||null,kt({interactionId:e.interactionId,callback:this.match})}catch{}}}async reached(){let e=this.match,i=this.call;if(!(!e||!i||!this.api)){this.busy=!0;try{await this.api.reached(e.id,i.interactionId,this.agentId),this.matchNote={kind:"ok",text:`Done: ${e.customerName||e.phoneNumber}'s callback is marked reached on this call. Nobody will call them back.`}}catch(s){let n=s instanceof w&&s.code==="already_claimed"?String(s.problem.claimedBy||"Another agent"):"";this.matchNote={kind:"error",text:n?`${n} is dialing this customer right now: the callback stays open.`:C(s)}}finally{this.busy=!1}}}matchView(e){let i=this.matchNote;if(i)return h`<div class="msg ${i.kind} match" role="status">${i.text}</div>`;let s=new Date(e.windowStart),n=e.customerName||e.phoneNumber;return h`<div class="msg info match" role="status">
      <p><strong>${n} has a callback scheduled for ${b(s)}</strong>, window ${V(s,new Date(e.windowEnd))}${e.agentId?" ("+(e.agentId===this.agentId?"yours":e.agentId+"'s")+")":" (team)"}.${e.status==="claimed"&&e.claimedBy?" "+e.claimedBy+" is dialing them now.":""}</p>
      <button type="button" class="small primary" ?disabled=${this.busy} @click=${this.reached}>Mark it done: reached on this call</button>
      <button type="button" class="small" @click=${()=>this.matchNote={kind:"info",text:`${n}'s callback stays scheduled.`}}>Keep it</button>
    </div>`}edit(e,i){return s=>{this[e]=s.target.value,this.dirty=!0,this.errors[i]&&(this.errors={...this.errors,[i]:""})}}async submit(e){if(e.preventDefault(),!this.api)return;let i={};if(this.phone.trim()||(i.phone="Enter the number to call back."),Object.keys(i).length){this.errors=i,this.focusError();return}let s={teamId:this.teamId,agentId:this.owner==="me"?this.agentId:null,phoneNumber:this.phone.trim(),customerName:this.name.trim(),notes:this.notes,createdBy:this.agentId};if(this.zone&&(s.timezone=this.zone),this.interactionId&&(s.sourceInteractionId=this.interactionId),this.when)s.windowStart=this.when.toISOString(),s.windowEnd=new Date(this.when.getTime()+this.length*6e4).toISOString();else{let n=new Date;s.windowEnd=new Date(n.getTime()+this.length*6e4).toISOString()}this.busy=!0,this.errors={},this.suggestion=null;try{let n=await this.api.create(s,ni());this.created=n,this.reset(),this.dispatchEvent(new CustomEvent("vel-created",{detail:{callback:n},bubbles:!0,composed:!0})),this.updateComplete.then(()=>this.renderRoot.querySelector(".created")?.focus())}catch(n){let a={};if(n instanceof w){for(let l of n.problem.fields||[]){let o=As[l.field]||"form",u=o==="form"?l.field+" "+l.message:l.message;a[o]=a[o]?a[o]+" "+u:u}let c=n.problem.nextAllowedStart;typeof c=="string"&&!isNaN(Date.parse(c))&&(this.suggestion=new Date(c)),n.code==="duplicate_open_callback"&&(a.phone="This number already has an open callback. Change or cancel that one on the Callbacks page."),Object.keys(a).length?n.status!==422&&!a.form&&n.code!=="duplicate_open_callback"&&(a.form=C(n)):a.form=C(n)}else a.form=C(n);a.phone&&!a.phone.match(/[.!]$/)&&(a.phone="Phone number "+a.phone+"."),this.errors=a,this.focusError()}finally{this.busy=!1}}updated(){let e=this.renderRoot.querySelector("#zone");e&&e.value!==this.zone&&(e.value=this.zone)}async focusError(){await this.updateComplete;let i=["phone","name","zone","when","owner","notes"].find(s=>this.errors[s]);i&&this.renderRoot.querySelector(`[data-field="${i}"]`)?.focus()}field(e,i,s,n){let a=this.errors[e];return h`<div>
      <label for=${e}>${i}</label>
      ${s}
      ${n?h`<div class="hint" id="${e}-hint">${n}</div>`:p}
      <div class="field-error" id="${e}-err" role=${a?"alert":p}>${a||""}</div>
    </div>`}createdView(e){let i=new Date(e.windowStart),s=e.timezone&&!ne(e.timezone,void 0,i);return h`<div class="msg ok created" role="status" tabindex="-1">
      Callback scheduled for ${e.customerName||e.phoneNumber} (${e.phoneNumber}), ${e.agentId?"for you":"for your team"}:
      ${b(i)} your time${s?h`, ${b(i,e.timezone)} customer's time (${S(e.timezone)})`:p}.
    </div>`}render(){let e=o=>this.errors[o]?"true":"false",i=(o,u=!1)=>u?`${o}-hint ${o}-err`:`${o}-err`,s=Ii(),n=this.call,a=this.customerZone(),c=this.lookup,l=c?h`${c.phoneNumber}${a?h` · customer's time now <strong>${b(new Date,a)}</strong> (${S(a)}${!this.zone&&!c.timezone?": your company's zone, as this number's country has several; pick the customer's below if needed":""})`:p}`:this.lookupError?"Not a valid number yet: "+this.lookupError:"Any format; +country code for numbers abroad.";return h`<form @submit=${this.submit} novalidate aria-labelledby="title">
      <div>
        <h1 id="title">Schedule a callback</h1>
        <div class="call">
          ${n?h`${n.live?"From the current call":"From the call that just ended"}${n.customerName?" with "+n.customerName:""}${n.number?" ("+n.number+")":""}.${n.masked?h` <span class="masked">The caller's number is masked for you: enter it if the customer gives it.</span>`:p}`:"No active call: enter the customer yourself."}
        </div>
      </div>
      ${this.match&&n?this.matchView(this.match):p}
      ${this.due?h`<div class="msg info due" role="status">
            ${Ye} ${this.due===1?"1 of your callbacks is":this.due+" of your callbacks are"} due now: see the Callbacks page.
          </div>`:p}
      ${this.created?this.createdView(this.created):p}
      ${this.errors.form?h`<div class="msg error" role="alert">${this.errors.form}</div>`:p}
      <div class="two">
        ${this.field("phone","Phone number",h`<input
            id="phone"
            data-field="phone"
            type="tel"
            autocomplete="off"
            required
            aria-required="true"
            .value=${this.phone}
            aria-invalid=${e("phone")}
            aria-describedby=${i("phone",!0)+(c?.doNotCall?" phone-dnc":"")}
            @input=${this.edit("phone","phone")}
          />${c?.doNotCall?h`<div class="msg warn dnc" id="phone-dnc" role="alert">${c.phoneNumber} is on the do-not-call list: it cannot be scheduled or called.</div>`:p}`,l)}
        ${this.field("name","Customer name",h`<input id="name" data-field="name" autocomplete="off" .value=${this.name} aria-invalid=${e("name")} aria-describedby=${i("name")} @input=${this.edit("name","name")} />`)}
      </div>
      <cdyx-vel-when
        data-field="when"
        tabindex="-1"
        .value=${this.when}
        .zone=${a}
        .label=${"When"}
        .error=${this.errors.when||""}
        @vel-when-change=${o=>{this.when=o.detail.value,this.dirty=!0,this.errors.when&&(this.errors={...this.errors,when:""})}}
      ></cdyx-vel-when>
      ${this.suggestion?h`<div>
            <button
              type="button"
              class="small"
              @click=${()=>{this.when=this.suggestion,this.suggestion=null,this.errors={...this.errors,when:""}}}
            >
              Use the next allowed time: ${b(this.suggestion)}
            </button>
          </div>`:p}
      <div class="two">
        ${this.field("length","Window length",h`<select id="length" .value=${String(this.length)} aria-describedby="length-err" @change=${o=>this.length=Number(o.target.value)}>
            ${Cs.map(([o,u])=>h`<option value=${o} ?selected=${o===this.length}>${u}</option>`)}
          </select>`)}
        ${this.field("zone","Customer's time zone",h`<select id="zone" data-field="zone" aria-invalid=${e("zone")} aria-describedby=${i("zone")} @change=${this.edit("zone","zone")}>
            <option value="" ?selected=${!this.zone}>From the phone number</option>
            <option value=${s} ?selected=${this.zone===s}>Same as mine (${S(s)})</option>
            ${Is??=Ss().map(o=>h`<option value=${o}>${o.replace(/_/g," ")}</option>`)}
          </select>`)}
      </div>
      <fieldset data-field="owner" tabindex="-1" aria-describedby="owner-err">
        <legend>For</legend>
        <div class="radios">
          <label><input type="radio" name="owner" value="team" .checked=${this.owner==="team"} @change=${()=>this.owner="team"} />My team</label>
          <label><input type="radio" name="owner" value="me" .checked=${this.owner==="me"} @change=${()=>this.owner="me"} />Me only${this.agentName?" ("+this.agentName+")":""}</label>
        </div>
        <div class="field-error" id="owner-err">${this.errors.owner||""}</div>
      </fieldset>
      ${this.field("notes","Notes",h`<textarea id="notes" data-field="notes" .value=${this.notes} aria-invalid=${e("notes")} aria-describedby=${i("notes")} @input=${this.edit("notes","notes")}></textarea>`)}
      <div class="buttons">
        <button class="primary" type="submit" ?disabled=${this.busy||!this.api}>${this.busy?"Scheduling…":"Schedule callback"}</button>
        <button
          type="button"
          @click=${()=>{this.reset(),this.created=null,this.call?.live&&this.prefill(this.call)}}
        >
          Clear
        </button>
      </div>
    </form>`}};J.styles=[I,Ki],J.properties={api:{attribute:!1},agentId:{attribute:!1},teamId:{attribute:!1},agentName:{attribute:!1},selected:{attribute:!1},name:{state:!0},phone:{state:!0},zone:{state:!0},when:{state:!0},length:{state:!0},owner:{state:!0},notes:{state:!0},call:{state:!0},errors:{state:!0},busy:{state:!0},created:{state:!0},suggestion:{state:!0},lookup:{state:!0},lookupError:{state:!0},due:{state:!0},match:{state:!0},matchNote:{state:!0}};T("cdyx-vel-callback-form",J);var Vi=$`
  :host {
    display: block;
    height: 100%;
    overflow: auto;
    background: var(--vel-bg);
    color: var(--vel-text);
  }
  .problem {
    margin: 16px;
  }
  .problem h1 {
    font-size: 16px;
    margin: 0 0 4px;
  }
  .problem p {
    margin: 0;
  }
`;var Gi="";function Wi(r){Gi=r}var X=class extends y{constructor(){super();this.api=null;this.apiKey="";this.accessToken="",this.outdialEp="",this.velocityApiKey="",this.velocityAuth="",this.agentId="",this.teamId="",this.agentName="",this.callback=!1,this.callbackCreate=!1}flag(e){return e===!0||e==="true"||e===""}willUpdate(){let e=String(this.velocityApiKey||"").trim(),i=String(this.velocityAuth||"").trim(),s=String(this.agentId||""),n=String(this.velocityUrl||"").trim().replace(/\/+$/,"");St(n);let a=n||Gi||location.origin,c=[a,e,i,s].join(`
`);c!==this.apiKey&&(this.apiKey=c,this.api=ht(e,i)?null:new He(a,{apiKey:e,auth:i},s)),this.api&&(this.api.webexToken=String(this.accessToken||"").trim())}problem(e,i){return h`<div class="msg warn problem" role="alert">
      <h1>${e}</h1>
      <p>${i}</p>
    </div>`}render(){let e=this.flag(this.callback),i=this.flag(this.callbackCreate);if(!e&&!i)return this.problem("Velocity Callbacks",`Set "callback": true (the Callbacks page) or "callbackCreate": true (the Callback panel) in the widget's properties in the desktop layout.`);let s=ht(String(this.velocityApiKey||"").trim(),String(this.velocityAuth||"").trim());if(s)return this.problem("Velocity is not set up",s);if(!this.agentId||!this.teamId){let a=[!this.agentId&&"agentId ($STORE.agent.agentId)",!this.teamId&&"teamId ($STORE.agent.teamId)"].filter(Boolean).join(" and ");return this.problem("Waiting for the agent","The Desktop has not given this widget the "+a+" yet.")}let n=String(this.agentName||"");return h`${e?h`<cdyx-vel-callback-list
          .api=${this.api}
          .agentId=${String(this.agentId)}
          .teamId=${String(this.teamId)}
          .agentName=${n}
          .outdialEp=${String(this.outdialEp||"")}
          .outdialAni=${this.outdialAni}
          .outboundEnabled=${this.isOutboundEnabledForAgent}
        ></cdyx-vel-callback-list>`:p}
    ${i?h`<cdyx-vel-callback-form
          .api=${this.api}
          .agentId=${String(this.agentId)}
          .teamId=${String(this.teamId)}
          .agentName=${n}
          .selected=${this.taskSelected}
        ></cdyx-vel-callback-form>`:p}`}};X.styles=[ri,I,Vi],X.properties={accessToken:{attribute:!1},outdialEp:{attribute:!1},velocityApiKey:{attribute:!1},velocityAuth:{attribute:!1},agentId:{attribute:!1},teamId:{attribute:!1},agentName:{attribute:!1},callback:{attribute:!1},callbackCreate:{attribute:!1},outdialAni:{attribute:!1},isOutboundEnabledForAgent:{attribute:!1},taskSelected:{attribute:!1},velocityUrl:{attribute:!1},dark:{reflect:!0}};T("cdyx-vel-callback",X);var Yi=Ct();Wi(Yi);It(Yi);})();
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

lit-html/directives/guard.js:
  (**
   * @license
   * Copyright 2018 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/

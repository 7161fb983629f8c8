(()=>{var Fi='.uplot, .uplot *, .uplot *::before, .uplot *::after {box-sizing: border-box;}.uplot {font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji";line-height: 1.5;width: min-content;}.u-title {text-align: center;font-size: 18px;font-weight: bold;}.u-wrap {position: relative;user-select: none;}.u-over, .u-under {position: absolute;}.u-under {overflow: hidden;}.uplot canvas {display: block;position: relative;width: 100%;height: 100%;}.u-axis {position: absolute;}.u-legend {font-size: 14px;margin: auto;text-align: center;}.u-inline {display: block;}.u-inline * {display: inline-block;}.u-inline tr {margin-right: 16px;}.u-legend th {font-weight: 600;}.u-legend th > * {vertical-align: middle;display: inline-block;}.u-legend .u-marker {width: 1em;height: 1em;margin-right: 4px;background-clip: padding-box !important;}.u-inline.u-live th::after {content: ":";vertical-align: middle;}.u-inline:not(.u-live) .u-value {display: none;}.u-series > * {padding: 4px;}.u-series th {cursor: pointer;}.u-legend .u-off > * {opacity: 0.3;}.u-select {background: rgba(0,0,0,0.07);position: absolute;pointer-events: none;}.u-cursor-x, .u-cursor-y {position: absolute;left: 0;top: 0;pointer-events: none;will-change: transform;}.u-hz .u-cursor-x, .u-vt .u-cursor-y {height: 100%;border-right: 1px dashed #607D8B;}.u-hz .u-cursor-y, .u-vt .u-cursor-x {width: 100%;border-bottom: 1px dashed #607D8B;}.u-cursor-pt {position: absolute;top: 0;left: 0;border-radius: 50%;border: 0 solid;pointer-events: none;will-change: transform;/*this has to be !important since we set inline "background" shorthand */background-clip: padding-box !important;}.u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off {display: none;}';var fa="uplot",da="u-hz",pa="u-vt",ha="u-title",ma="u-wrap",ga="u-under",ba="u-over",wa="u-axis",il="u-off",va="u-select",_a="u-cursor-x",xa="u-cursor-y",ya="u-cursor-pt",Sa="u-legend",ka="u-live",Aa="u-inline",Ta="u-series",Ea="u-marker",Ni="u-label",Ma="u-value",Ql="width",Xl="height";var Vi="bottom",Pl="left",ps="right",Ps="#000",Ii=Ps+"0",hs="mousemove",Ui="mousedown",ms="mouseup",Hi="mouseenter",$i="mouseleave",Wi="dblclick",La="resize",Pa="scroll",Gi="change",Tn="dppxchange",Cs="--",Nl=typeof window<"u",_s=Nl?document:null,Dl=Nl?window:null,Ca=Nl?navigator:null,re,yn;function xs(){let e=devicePixelRatio;re!=e&&(re=e,yn&&Ss(Gi,yn,xs),yn=matchMedia(`(min-resolution: ${re-.001}dppx) and (max-resolution: ${re+.001}dppx)`),rl(Gi,yn,xs),Dl.dispatchEvent(new CustomEvent(Tn)))}function st(e,t){if(t!=null){let s=e.classList;!s.contains(t)&&s.add(t)}}function ys(e,t){let s=e.classList;s.contains(t)&&s.remove(t)}function be(e,t,s){e.style[t]=s+"px"}function _t(e,t,s,l){let i=_s.createElement(e);return t!=null&&st(i,t),s?.insertBefore(i,l),i}function pt(e,t){return _t("div",e,t)}var Bi=new WeakMap;function Pt(e,t,s,l,i){let u="translate("+t+"px,"+s+"px)",a=Bi.get(e);u!=a&&(e.style.transform=u,Bi.set(e,u),t<0||s<0||t>l||s>i?st(e,il):ys(e,il))}var Yi=new WeakMap;function ji(e,t,s){let l=t+s,i=Yi.get(e);l!=i&&(Yi.set(e,l),e.style.background=t,e.style.borderColor=s)}var qi=new WeakMap;function Ki(e,t,s,l){let i=t+""+s,u=qi.get(e);i!=u&&(qi.set(e,i),e.style.height=s+"px",e.style.width=t+"px",e.style.marginLeft=l?-t/2+"px":0,e.style.marginTop=l?-s/2+"px":0)}var Ds={passive:!0},Da={...Ds,capture:!0};function rl(e,t,s,l){t.addEventListener(e,s,l?Da:Ds)}function Ss(e,t,s,l){t.removeEventListener(e,s,Ds)}Nl&&xs();function xt(e,t,s,l){let i;s=s||0,l=l||t.length-1;let u=l<=2147483647;for(;l-s>1;)i=u?s+l>>1:it((s+l)/2),t[i]<e?s=i:l=i;return e-t[s]<=t[l]-e?s:l}function Sr(e){return(s,l,i)=>{let u=-1,a=-1;for(let f=l;f<=i;f++)if(e(s[f])){u=f;break}for(let f=i;f>=l;f--)if(e(s[f])){a=f;break}return[u,a]}}var kr=e=>e!=null,Ar=e=>e!=null&&e>0,Ln=Sr(kr),Ra=Sr(Ar);function za(e,t,s,l=0,i=!1){let u=i?Ra:Ln,a=i?Ar:kr;[t,s]=u(e,t,s);let f=e[t],p=e[t];if(t>-1)if(l==1)f=e[t],p=e[s];else if(l==-1)f=e[s],p=e[t];else for(let h=t;h<=s;h++){let g=e[h];a(g)&&(g<f?f=g:g>p&&(p=g))}return[f??fe,p??-fe]}function Pn(e,t,s,l){let i=Qi(e),u=Qi(t);e==t&&(i==-1?(e*=s,t/=s):(e/=s,t*=s));let a=s==10?Ot:Tr,f=i==1?it:ht,p=u==1?ht:it,h=f(a(Ce(e))),g=p(a(Ce(t))),m=Rl(s,h),w=Rl(s,g);return s==10&&(h<0&&(m=de(m,-h)),g<0&&(w=de(w,-g))),l||s==2?(e=m*i,t=w*u):(e=Pr(e,m),t=Cn(t,w)),[e,t]}function Rs(e,t,s,l){let i=Pn(e,t,s,l);return e==0&&(i[0]=0),t==0&&(i[1]=0),i}var zs=.1,Ji={mode:3,pad:zs},tn={pad:0,soft:null,mode:0},Oa={min:tn,max:tn};function En(e,t,s,l){return Dn(s)?Zi(e,t,s):(tn.pad=s,tn.soft=l?0:null,tn.mode=l?3:0,Zi(e,t,Oa))}function se(e,t){return e??t}function Fa(e,t,s){for(t=se(t,0),s=se(s,e.length-1);t<=s;){if(e[t]!=null)return!0;t++}return!1}function Zi(e,t,s){let l=s.min,i=s.max,u=se(l.pad,0),a=se(i.pad,0),f=se(l.hard,-fe),p=se(i.hard,fe),h=se(l.soft,fe),g=se(i.soft,-fe),m=se(l.mode,0),w=se(i.mode,0),y=t-e,A=Ot(y),E=qe(Ce(e),Ce(t)),C=Ot(E),F=Ce(C-A);(y<1e-24||F>10)&&(y=0,(e==0||t==0)&&(y=1e-24,m==2&&h!=fe&&(u=0),w==2&&g!=-fe&&(a=0)));let _=y||E||1e3,R=Ot(_),S=Rl(10,it(R)),W=_*(y==0?e==0?.1:1:u),O=de(Pr(e-W,S/10),24),J=e>=h&&(m==1||m==3&&O<=h||m==2&&O>=h)?h:fe,j=qe(f,O<J&&e>=J?J:yt(J,O)),X=_*(y==0?t==0?.1:1:a),Y=de(Cn(t+X,S/10),24),T=t<=g&&(w==1||w==3&&Y>=g||w==2&&Y<=g)?g:-fe,K=yt(p,Y>T&&t<=T?T:qe(T,Y));return j==K&&j==0&&(K=100),[j,K]}var Na=new Intl.NumberFormat(Nl?Ca.language:"en-US"),Os=e=>Na.format(e),rt=Math,An=rt.PI,Ce=rt.abs,it=rt.floor,Pe=rt.round,ht=rt.ceil,yt=rt.min,qe=rt.max,Rl=rt.pow,Qi=rt.sign,Ot=rt.log10,Tr=rt.log2,Va=(e,t=1)=>rt.sinh(e)*t,gs=(e,t=1)=>rt.asinh(e/t),fe=1/0;function Xi(e){return(Ot((e^e>>31)-(e>>31))|0)+1}function ks(e,t,s){return yt(qe(e,t),s)}function Er(e){return typeof e=="function"}function ee(e){return Er(e)?e:()=>e}var Ia=()=>{},Mr=e=>e,Lr=(e,t)=>t,Ua=e=>null,er=e=>!0,tr=(e,t)=>e==t,Ha=/\.\d*?(?=9{6,}|0{6,})/gm,ol=e=>{if(Dr(e)||Bt.has(e))return e;let t=`${e}`,s=t.match(Ha);if(s==null)return e;let l=s[0].length-1;if(t.indexOf("e-")!=-1){let[i,u]=t.split("e");return+`${ol(i)}e${u}`}return de(e,l)};function nl(e,t){return ol(de(ol(e/t))*t)}function Cn(e,t){return ol(ht(ol(e/t))*t)}function Pr(e,t){return ol(it(ol(e/t))*t)}function de(e,t=0){if(Dr(e))return e;let s=10**t,l=e*s*(1+Number.EPSILON);return Pe(l)/s}var Bt=new Map;function Cr(e){return((""+e).split(".")[1]||"").length}function nn(e,t,s,l){let i=[],u=l.map(Cr);for(let a=t;a<s;a++){let f=Ce(a),p=de(Rl(e,a),f);for(let h=0;h<l.length;h++){let g=e==10?+`${l[h]}e${a}`:l[h]*p,m=(a>=0?0:f)+(a>=u[h]?0:u[h]),w=e==10?g:de(g,m);i.push(w),Bt.set(w,m)}}return i}var ln={},Fs=[],zl=[null,null],Gt=Array.isArray,Dr=Number.isInteger,$a=e=>e===void 0;function lr(e){return typeof e=="string"}function Dn(e){let t=!1;if(e!=null){let s=e.constructor;t=s==null||s==Object}return t}function Wa(e){return e!=null&&typeof e=="object"}var Ga=Object.getPrototypeOf(Uint8Array),Rr="__proto__";function Ol(e,t=Dn){let s;if(Gt(e)){let l=e.find(i=>i!=null);if(Gt(l)||t(l)){s=Array(e.length);for(let i=0;i<e.length;i++)s[i]=Ol(e[i],t)}else s=e.slice()}else if(e instanceof Ga)s=e.slice();else if(t(e)){s={};for(let l in e)l!=Rr&&(s[l]=Ol(e[l],t))}else s=e;return s}function Te(e){let t=arguments;for(let s=1;s<t.length;s++){let l=t[s];for(let i in l)i!=Rr&&(Dn(e[i])?Te(e[i],Ol(l[i])):e[i]=Ol(l[i]))}return e}var Ba=0,Ya=1,ja=2;function qa(e,t,s){for(let l=0,i,u=-1;l<t.length;l++){let a=t[l];if(a>u){for(i=a-1;i>=0&&e[i]==null;)e[i--]=null;for(i=a+1;i<s&&e[i]==null;)e[u=i++]=null}}}function Ka(e,t){if(Qa(e)){let a=e[0].slice();for(let f=1;f<e.length;f++)a.push(...e[f].slice(1));return Xa(a[0])||(a=Za(a)),a}let s=new Set;for(let a=0;a<e.length;a++){let p=e[a][0],h=p.length;for(let g=0;g<h;g++)s.add(p[g])}let l=[Array.from(s).sort((a,f)=>a-f)],i=l[0].length,u=new Map;for(let a=0;a<i;a++)u.set(l[0][a],a);for(let a=0;a<e.length;a++){let f=e[a],p=f[0];for(let h=1;h<f.length;h++){let g=f[h],m=Array(i).fill(void 0),w=t?t[a][h]:Ya,y=[];for(let A=0;A<g.length;A++){let E=g[A],C=u.get(p[A]);E===null?w!=Ba&&(m[C]=E,w==ja&&y.push(C)):m[C]=E}qa(m,y,i),l.push(m)}}return l}var Ja=typeof queueMicrotask>"u"?e=>Promise.resolve().then(e):queueMicrotask;function Za(e){let t=e[0],s=t.length,l=Array(s);for(let u=0;u<l.length;u++)l[u]=u;l.sort((u,a)=>t[u]-t[a]);let i=[];for(let u=0;u<e.length;u++){let a=e[u],f=Array(s);for(let p=0;p<s;p++)f[p]=a[l[p]];i.push(f)}return i}function Qa(e){let t=e[0][0],s=t.length;for(let l=1;l<e.length;l++){let i=e[l][0];if(i.length!=s)return!1;if(i!=t){for(let u=0;u<s;u++)if(i[u]!=t[u])return!1}}return!0}function Xa(e,t=100){let s=e.length;if(s<=1)return!0;let l=0,i=s-1;for(;l<=i&&e[l]==null;)l++;for(;i>=l&&e[i]==null;)i--;if(i<=l)return!0;let u=qe(1,it((i-l+1)/t));for(let a=e[l],f=l+u;f<=i;f+=u){let p=e[f];if(p!=null){if(p<=a)return!1;a=p}}return!0}var zr=["January","February","March","April","May","June","July","August","September","October","November","December"],Or=["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"];function Fr(e){return e.slice(0,3)}var ec=Or.map(Fr),tc=zr.map(Fr),lc={MMMM:zr,MMM:tc,WWWW:Or,WWW:ec};function Zl(e){return(e<10?"0":"")+e}function nc(e){return(e<10?"00":e<100?"0":"")+e}var sc={YYYY:e=>e.getFullYear(),YY:e=>(e.getFullYear()+"").slice(2),MMMM:(e,t)=>t.MMMM[e.getMonth()],MMM:(e,t)=>t.MMM[e.getMonth()],MM:e=>Zl(e.getMonth()+1),M:e=>e.getMonth()+1,DD:e=>Zl(e.getDate()),D:e=>e.getDate(),WWWW:(e,t)=>t.WWWW[e.getDay()],WWW:(e,t)=>t.WWW[e.getDay()],HH:e=>Zl(e.getHours()),H:e=>e.getHours(),h:e=>{let t=e.getHours();return t==0?12:t>12?t-12:t},AA:e=>e.getHours()>=12?"PM":"AM",aa:e=>e.getHours()>=12?"pm":"am",a:e=>e.getHours()>=12?"p":"a",mm:e=>Zl(e.getMinutes()),m:e=>e.getMinutes(),ss:e=>Zl(e.getSeconds()),s:e=>e.getSeconds(),fff:e=>nc(e.getMilliseconds())};function Ns(e,t){t=t||lc;let s=[],l=/\{([a-z]+)\}|[^{]+/gi,i;for(;i=l.exec(e);)s.push(i[0][0]=="{"?sc[i[1]]:i[0]);return u=>{let a="";for(let f=0;f<s.length;f++)a+=typeof s[f]=="string"?s[f]:s[f](u,t);return a}}var ic=new Intl.DateTimeFormat().resolvedOptions().timeZone;function rc(e,t){let s;return t=="UTC"||t=="Etc/UTC"?s=new Date(+e+e.getTimezoneOffset()*6e4):t==ic?s=e:(s=new Date(e.toLocaleString("en-US",{timeZone:t})),s.setMilliseconds(e.getMilliseconds())),s}var Nr=e=>e%1==0,Mn=[1,2,2.5,5],oc=nn(10,-32,0,Mn),Vr=nn(10,0,32,Mn),ac=Vr.filter(Nr),sl=oc.concat(Vr),Vs=`
`,Ir="{YYYY}",nr=Vs+Ir,Ur="{M}/{D}",en=Vs+Ur,Sn=en+"/{YY}",Hr="{aa}",cc="{h}:{mm}",Cl=cc+Hr,sr=Vs+Cl,ir=":{ss}",ae=null;function $r(e){let t=e*1e3,s=t*60,l=s*60,i=l*24,u=i*30,a=i*365,p=(e==1?nn(10,0,3,Mn).filter(Nr):nn(10,-3,0,Mn)).concat([t,t*5,t*10,t*15,t*30,s,s*5,s*10,s*15,s*30,l,l*2,l*3,l*4,l*6,l*8,l*12,i,i*2,i*3,i*4,i*5,i*6,i*7,i*8,i*9,i*10,i*15,u,u*2,u*3,u*4,u*6,a,a*2,a*5,a*10,a*25,a*50,a*100]),h=[[a,Ir,ae,ae,ae,ae,ae,ae,1],[i*28,"{MMM}",nr,ae,ae,ae,ae,ae,1],[i,Ur,nr,ae,ae,ae,ae,ae,1],[l,"{h}"+Hr,Sn,ae,en,ae,ae,ae,1],[s,Cl,Sn,ae,en,ae,ae,ae,1],[t,ir,Sn+" "+Cl,ae,en+" "+Cl,ae,sr,ae,1],[e,ir+".{fff}",Sn+" "+Cl,ae,en+" "+Cl,ae,sr,ae,1]];function g(m){return(w,y,A,E,C,F)=>{let _=[],R=C>=a,S=C>=u&&C<a,W=m(A),O=de(W*e,3),J=bs(W.getFullYear(),R?0:W.getMonth(),S||R?1:W.getDate()),j=de(J*e,3);if(S||R){let X=S?C/u:0,Y=R?C/a:0,T=O==j?O:de(bs(J.getFullYear()+Y,J.getMonth()+X,1)*e,3),K=new Date(Pe(T/e)),N=K.getFullYear(),G=K.getMonth();for(let H=0;T<=E;H++){let te=bs(N+Y*H,G+X*H,1),U=te-m(de(te*e,3));T=de((+te+U)*e,3),T<=E&&_.push(T)}}else{let X=C>=i?i:C,Y=it(A)-it(O),T=j+Y+Cn(O-j,X);_.push(T);let K=m(T),N=K.getHours()+K.getMinutes()/s+K.getSeconds()/l,G=C/l,H=w.axes[y]._space,te=F/H;for(;T=de(T+C,e==1?0:3),!(T>E);)if(G>1){let U=it(de(N+G,6))%24,le=m(T).getHours()-U;le>1&&(le=-1),T-=le*l,N=(N+G)%24;let ce=_[_.length-1];de((T-ce)/C,3)*te>=.7&&_.push(T)}else _.push(T)}return _}}return[p,h,g]}var[uc,fc,dc]=$r(1),[pc,hc,mc]=$r(.001);nn(2,-53,53,[1]);function rr(e,t){return e.map(s=>s.map((l,i)=>i==0||i==8||l==null?l:t(i==1||s[8]==0?l:s[1]+l)))}function or(e,t){return(s,l,i,u,a)=>{let f=t.find(A=>a>=A[0])||t[t.length-1],p,h,g,m,w,y;return l.map(A=>{let E=e(A),C=E.getFullYear(),F=E.getMonth(),_=E.getDate(),R=E.getHours(),S=E.getMinutes(),W=E.getSeconds(),O=C!=p&&f[2]||F!=h&&f[3]||_!=g&&f[4]||R!=m&&f[5]||S!=w&&f[6]||W!=y&&f[7]||f[1];return p=C,h=F,g=_,m=R,w=S,y=W,O(E)})}}function gc(e,t){let s=Ns(t);return(l,i,u,a,f)=>i.map(p=>s(e(p)))}function bs(e,t,s){return new Date(e,t,s)}function ar(e,t){return t(e)}var bc="{YYYY}-{MM}-{DD} {h}:{mm}{aa}";function cr(e,t){return(s,l,i,u)=>u==null?Cs:t(e(l))}function wc(e,t){let s=e.series[t];return s.width?s.stroke(e,t):s.points.width?s.points.stroke(e,t):null}function vc(e,t){return e.series[t].fill(e,t)}var _c={show:!0,live:!0,isolate:!1,mount:Ia,markers:{show:!0,width:2,stroke:wc,fill:vc,dash:"solid"},idx:null,idxs:null,values:[]};function xc(e,t){let s=e.cursor.points,l=pt(),i=s.size(e,t);be(l,Ql,i),be(l,Xl,i);let u=i/-2;be(l,"marginLeft",u),be(l,"marginTop",u);let a=s.width(e,t,i);return a&&be(l,"borderWidth",a),l}function yc(e,t){let s=e.series[t].points;return s._fill||s._stroke}function Sc(e,t){let s=e.series[t].points;return s._stroke||s._fill}function kc(e,t){return e.series[t].points.size}var ws=[0,0];function Ac(e,t,s){return ws[0]=t,ws[1]=s,ws}function kn(e,t,s,l=!0){return i=>{i.button==0&&(!l||i.target==t)&&s(i)}}function vs(e,t,s,l=!0){return i=>{(!l||i.target==t)&&s(i)}}var Tc={show:!0,x:!0,y:!0,lock:!1,move:Ac,points:{one:!1,show:xc,size:kc,width:0,stroke:Sc,fill:yc},bind:{mousedown:kn,mouseup:kn,click:kn,dblclick:kn,mousemove:vs,mouseleave:vs,mouseenter:vs},drag:{setScale:!0,x:!0,y:!1,dist:0,uni:null,click:(e,t)=>{t.stopPropagation(),t.stopImmediatePropagation()},_x:!1,_y:!1},focus:{dist:(e,t,s,l,i)=>l-i,prox:-1,bias:0},hover:{skip:[void 0],prox:null,bias:0},left:-10,top:-10,idx:null,dataIdx:null,idxs:null,event:null},Wr={show:!0,stroke:"rgba(0,0,0,0.07)",width:2},Is=Te({},Wr,{filter:Lr}),Gr=Te({},Is,{size:10}),Br=Te({},Wr,{show:!1}),Us='12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"',Yr="bold "+Us,jr=1.5,ur={show:!0,scale:"x",stroke:Ps,space:50,gap:5,alignTo:1,size:50,labelGap:0,labelSize:30,labelFont:Yr,side:2,grid:Is,ticks:Gr,border:Br,font:Us,lineGap:jr,rotate:0},Ec="Value",Mc="Time",fr={show:!0,scale:"x",auto:!1,sorted:1,min:fe,max:-fe,idxs:[]};function Lc(e,t,s,l,i){return t.map(u=>u==null?"":Os(u))}function Pc(e,t,s,l,i,u,a){let f=[],p=Bt.get(i)||0;s=a?s:de(Cn(s,i),p);for(let h=s;h<=l;h=de(h+i,p))f.push(Object.is(h,-0)?0:h);return f}function As(e,t,s,l,i,u,a){let f=[],p=e.scales[e.axes[t].scale].log,h=p==10?Ot:Tr,g=it(h(s));i=Rl(p,g),p==10&&(i=sl[xt(i,sl)]);let m=s,w=i*p;p==10&&(w=sl[xt(w,sl)]);do f.push(m),m=m+i,p==10&&!Bt.has(m)&&(m=de(m,Bt.get(i))),m>=w&&(i=m,w=i*p,p==10&&(w=sl[xt(w,sl)]));while(m<=l);return f}function Cc(e,t,s,l,i,u,a){let p=e.scales[e.axes[t].scale].asinh,h=l>p?As(e,t,qe(p,s),l,i):[p],g=l>=0&&s<=0?[0]:[];return(s<-p?As(e,t,qe(p,-l),-s,i):[p]).reverse().map(w=>-w).concat(g,h)}var qr=/./,Dc=/[12357]/,Rc=/[125]/,dr=/1/,Ts=(e,t,s,l)=>e.map((i,u)=>t==4&&i==0||u%l==0&&s.test(i.toExponential()[i<0?1:0])?i:null);function zc(e,t,s,l,i){let u=e.axes[s],a=u.scale,f=e.scales[a],p=e.valToPos,h=u._space,g=p(10,a),m=p(9,a)-g>=h?qr:p(7,a)-g>=h?Dc:p(5,a)-g>=h?Rc:dr;if(m==dr){let w=Ce(p(1,a)-g);if(w<h)return Ts(t.slice().reverse(),f.distr,m,ht(h/w)).reverse()}return Ts(t,f.distr,m,1)}function Oc(e,t,s,l,i){let u=e.axes[s],a=u.scale,f=u._space,p=e.valToPos,h=Ce(p(1,a)-p(2,a));return h<f?Ts(t.slice().reverse(),3,qr,ht(f/h)).reverse():t}function Fc(e,t,s,l){return l==null?Cs:t==null?"":Os(t)}var pr={show:!0,scale:"y",stroke:Ps,space:30,gap:5,alignTo:1,size:50,labelGap:0,labelSize:30,labelFont:Yr,side:3,grid:Is,ticks:Gr,border:Br,font:Us,lineGap:jr,rotate:0};function Nc(e,t){let s=3+(e||1)*2;return de(s*t,3)}function Vc(e,t){let{scale:s,idxs:l}=e.series[0],i=e._data[0],u=e.valToPos(i[l[0]],s,!0),a=e.valToPos(i[l[1]],s,!0),f=Ce(a-u),p=e.series[t],h=f/(p.points.space*re);return l[1]-l[0]<=h}var hr={scale:null,auto:!0,sorted:0,min:fe,max:-fe},Kr=(e,t,s,l,i)=>i,mr={show:!0,auto:!0,sorted:0,gaps:Kr,alpha:1,facets:[Te({},hr,{scale:"x"}),Te({},hr,{scale:"y"})]},gr={scale:"y",auto:!0,sorted:0,show:!0,spanGaps:!1,gaps:Kr,alpha:1,points:{show:Vc,filter:null},values:null,min:fe,max:-fe,idxs:[],path:null,clip:null};function Ic(e,t,s,l,i){return s/10}var Jr={time:!0,auto:!0,distr:1,log:10,asinh:1,min:null,max:null,dir:1,ori:0},Uc=Te({},Jr,{time:!1,ori:1}),br={};function Zr(e,t){let s=br[e];return s||(s={key:e,plots:[],sub(l){s.plots.push(l)},unsub(l){s.plots=s.plots.filter(i=>i!=l)},pub(l,i,u,a,f,p,h){for(let g=0;g<s.plots.length;g++)s.plots[g]!=i&&s.plots[g].pub(l,i,u,a,f,p,h)}},e!=null&&(br[e]=s)),s}var Fl=1,Es=2;function al(e,t,s){let l=e.mode,i=e.series[t],u=l==2?e._data[t]:e._data,a=e.scales,f=e.bbox,p=u[0],h=l==2?u[1]:u[t],g=l==2?a[i.facets[0].scale]:a[e.series[0].scale],m=l==2?a[i.facets[1].scale]:a[i.scale],w=f.left,y=f.top,A=f.width,E=f.height,C=e.valToPosH,F=e.valToPosV;return g.ori==0?s(i,p,h,g,m,C,F,w,y,A,E,zn,Vl,Fn,Xr,to):s(i,p,h,g,m,F,C,y,w,E,A,On,Il,Ws,eo,lo)}function Hs(e,t){let s=0,l=0,i=se(e.bands,Fs);for(let u=0;u<i.length;u++){let a=i[u];a.series[0]==t?s=a.dir:a.series[1]==t&&(a.dir==1?l|=1:l|=2)}return[s,l==1?-1:l==2?1:l==3?2:0]}function Hc(e,t,s,l,i){let u=e.mode,a=e.series[t],f=u==2?a.facets[1].scale:a.scale,p=e.scales[f];return i==-1?p.min:i==1?p.max:p.distr==3?p.dir==1?p.min:p.max:0}function Ft(e,t,s,l,i,u){return al(e,t,(a,f,p,h,g,m,w,y,A,E,C)=>{let F=a.pxRound,_=h.dir*(h.ori==0?1:-1),R=h.ori==0?Vl:Il,S,W;_==1?(S=s,W=l):(S=l,W=s);let O=F(m(f[S],h,E,y)),J=F(w(p[S],g,C,A)),j=F(m(f[W],h,E,y)),X=F(w(u==1?g.max:g.min,g,C,A)),Y=new Path2D(i);return R(Y,j,X),R(Y,O,X),R(Y,O,J),Y})}function Rn(e,t,s,l,i,u){let a=null;if(e.length>0){a=new Path2D;let f=t==0?Fn:Ws,p=s;for(let m=0;m<e.length;m++){let w=e[m];if(w[1]>w[0]){let y=w[0]-p;y>0&&f(a,p,l,y,l+u),p=w[1]}}let h=s+i-p,g=10;h>0&&f(a,p,l-g/2,h,l+u+g)}return a}function $c(e,t,s){let l=e[e.length-1];l&&l[0]==t?l[1]=s:e.push([t,s])}function $s(e,t,s,l,i,u,a){let f=[],p=e.length;for(let h=i==1?s:l;h>=s&&h<=l;h+=i)if(t[h]===null){let m=h,w=h;if(i==1)for(;++h<=l&&t[h]===null;)w=h;else for(;--h>=s&&t[h]===null;)w=h;let y=u(e[m]),A=w==m?y:u(e[w]),E=m-i;y=a<=0&&E>=0&&E<p?u(e[E]):y;let F=w+i;A=a>=0&&F>=0&&F<p?u(e[F]):A,A>=y&&f.push([y,A])}return f}function wr(e){return e==0?Mr:e==1?Pe:t=>nl(t,e)}function Qr(e){let t=e==0?zn:On,s=e==0?(i,u,a,f,p,h)=>{i.arcTo(u,a,f,p,h)}:(i,u,a,f,p,h)=>{i.arcTo(a,u,p,f,h)},l=e==0?(i,u,a,f,p)=>{i.rect(u,a,f,p)}:(i,u,a,f,p)=>{i.rect(a,u,p,f)};return(i,u,a,f,p,h=0,g=0)=>{h==0&&g==0?l(i,u,a,f,p):(h=yt(h,f/2,p/2),g=yt(g,f/2,p/2),t(i,u+h,a),s(i,u+f,a,u+f,a+p,h),s(i,u+f,a+p,u,a+p,g),s(i,u,a+p,u,a,g),s(i,u,a,u+f,a,h),i.closePath())}}var zn=(e,t,s)=>{e.moveTo(t,s)},On=(e,t,s)=>{e.moveTo(s,t)},Vl=(e,t,s)=>{e.lineTo(t,s)},Il=(e,t,s)=>{e.lineTo(s,t)},Fn=Qr(0),Ws=Qr(1),Xr=(e,t,s,l,i,u)=>{e.arc(t,s,l,i,u)},eo=(e,t,s,l,i,u)=>{e.arc(s,t,l,i,u)},to=(e,t,s,l,i,u,a)=>{e.bezierCurveTo(t,s,l,i,u,a)},lo=(e,t,s,l,i,u,a)=>{e.bezierCurveTo(s,t,i,l,a,u)};function no(e){return(t,s,l,i,u)=>al(t,s,(a,f,p,h,g,m,w,y,A,E,C)=>{let{pxRound:F,points:_}=a,R,S;h.ori==0?(R=zn,S=Xr):(R=On,S=eo);let W=de(_.width*re,3),O=(_.size-_.width)/2*re,J=de(O*2,3),j=new Path2D,X=new Path2D,{left:Y,top:T,width:K,height:N}=t.bbox;Fn(X,Y-J,T-J,K+J*2,N+J*2);let G=H=>{if(p[H]!=null){let te=F(m(f[H],h,E,y)),U=F(w(p[H],g,C,A));R(j,te+O,U),S(j,te,U,O,0,An*2)}};if(u)u.forEach(G);else for(let H=l;H<=i;H++)G(H);return{stroke:W>0?j:null,fill:j,clip:X,flags:Fl|Es}})}function so(e){return(t,s,l,i,u,a)=>{l!=i&&(u!=l&&a!=l&&e(t,s,l),u!=i&&a!=i&&e(t,s,i),e(t,s,a))}}var Wc=so(Vl),Gc=so(Il);function io(e){let t=se(e?.alignGaps,0);return(s,l,i,u)=>al(s,l,(a,f,p,h,g,m,w,y,A,E,C)=>{[i,u]=Ln(p,i,u);let F=a.pxRound,_=N=>F(m(N,h,E,y)),R=N=>F(w(N,g,C,A)),S,W;h.ori==0?(S=Vl,W=Wc):(S=Il,W=Gc);let O=h.dir*(h.ori==0?1:-1),J={stroke:new Path2D,fill:null,clip:null,band:null,gaps:null,flags:Fl},j=J.stroke,X=!1;if(u-i>=E*4){let N=V=>s.posToVal(V,h.key,!0),G=null,H=null,te,U,Ke,we=_(f[O==1?i:u]),le=_(f[i]),ce=_(f[u]),Z=N(O==1?le+1:ce-1);for(let V=O==1?i:u;V>=i&&V<=u;V+=O){let Me=f[V],ve=(O==1?Me<Z:Me>Z)?we:_(Me),oe=p[V];ve==we?oe!=null?(U=oe,G==null?(S(j,ve,R(U)),te=G=H=U):U<G?G=U:U>H&&(H=U)):oe===null&&(X=!0):(G!=null&&W(j,we,R(G),R(H),R(te),R(U)),oe!=null?(U=oe,S(j,ve,R(U)),G=H=te=U):(G=H=null,oe===null&&(X=!0)),we=ve,Z=N(we+O))}G!=null&&G!=H&&Ke!=we&&W(j,we,R(G),R(H),R(te),R(U))}else for(let N=O==1?i:u;N>=i&&N<=u;N+=O){let G=p[N];G===null?X=!0:G!=null&&S(j,_(f[N]),R(G))}let[T,K]=Hs(s,l);if(a.fill!=null||T!=0){let N=J.fill=new Path2D(j),G=a.fillTo(s,l,a.min,a.max,T),H=R(G),te=_(f[i]),U=_(f[u]);O==-1&&([U,te]=[te,U]),S(N,U,H),S(N,te,H)}if(!a.spanGaps){let N=[];X&&N.push(...$s(f,p,i,u,O,_,t)),J.gaps=N=a.gaps(s,l,i,u,N),J.clip=Rn(N,h.ori,y,A,E,C)}return K!=0&&(J.band=K==2?[Ft(s,l,i,u,j,-1),Ft(s,l,i,u,j,1)]:Ft(s,l,i,u,j,K)),J})}function Bc(e){let t=se(e.align,1),s=se(e.ascDesc,!1),l=se(e.alignGaps,0),i=se(e.extend,!1);return(u,a,f,p)=>al(u,a,(h,g,m,w,y,A,E,C,F,_,R)=>{[f,p]=Ln(m,f,p);let S=h.pxRound,{left:W,width:O}=u.bbox,J=le=>S(A(le,w,_,C)),j=le=>S(E(le,y,R,F)),X=w.ori==0?Vl:Il,Y={stroke:new Path2D,fill:null,clip:null,band:null,gaps:null,flags:Fl},T=Y.stroke,K=w.dir*(w.ori==0?1:-1),N=j(m[K==1?f:p]),G=J(g[K==1?f:p]),H=G,te=G;i&&t==-1&&(te=W,X(T,te,N)),X(T,G,N);for(let le=K==1?f:p;le>=f&&le<=p;le+=K){let ce=m[le];if(ce==null)continue;let Z=J(g[le]),V=j(ce);t==1?X(T,Z,N):X(T,H,V),X(T,Z,V),N=V,H=Z}let U=H;i&&t==1&&(U=W+O,X(T,U,N));let[Ke,we]=Hs(u,a);if(h.fill!=null||Ke!=0){let le=Y.fill=new Path2D(T),ce=h.fillTo(u,a,h.min,h.max,Ke),Z=j(ce);X(le,U,Z),X(le,te,Z)}if(!h.spanGaps){let le=[];le.push(...$s(g,m,f,p,K,J,l));let ce=h.width*re/2,Z=s||t==1?ce:-ce,V=s||t==-1?-ce:ce;le.forEach(Me=>{Me[0]+=Z,Me[1]+=V}),Y.gaps=le=h.gaps(u,a,f,p,le),Y.clip=Rn(le,w.ori,C,F,_,R)}return we!=0&&(Y.band=we==2?[Ft(u,a,f,p,T,-1),Ft(u,a,f,p,T,1)]:Ft(u,a,f,p,T,we)),Y})}function vr(e,t,s,l,i,u,a=fe){if(e.length>1){let f=null;for(let p=0,h=1/0;p<e.length;p++)if(t[p]!==void 0){if(f!=null){let g=Ce(e[p]-e[f]);g<h&&(h=g,a=Ce(s(e[p],l,i,u)-s(e[f],l,i,u)))}f=p}}return a}function Yc(e){e=e||ln;let t=se(e.size,[.6,fe,1]),s=e.align||0,l=e.gap||0,i=e.radius;i=i==null?[0,0]:typeof i=="number"?[i,0]:i;let u=ee(i),a=1-t[0],f=se(t[1],fe),p=se(t[2],1),h=se(e.disp,ln),g=se(e.each,y=>{}),{fill:m,stroke:w}=h;return(y,A,E,C)=>al(y,A,(F,_,R,S,W,O,J,j,X,Y,T)=>{let K=F.pxRound,N=s,G=l*re,H=f*re,te=p*re,U,Ke;S.ori==0?[U,Ke]=u(y,A):[Ke,U]=u(y,A);let we=S.dir*(S.ori==0?1:-1),le=S.ori==0?Fn:Ws,ce=S.ori==0?g:(D,pe,Le,hl,Kt,kt,Jt)=>{g(D,pe,Le,Kt,hl,Jt,kt)},Z=se(y.bands,Fs).find(D=>D.series[0]==A),V=Z!=null?Z.dir:0,Me=F.fillTo(y,A,F.min,F.max,V),We=K(J(Me,W,T,X)),ve,oe,mt,Xe=Y,xe=K(F.width*re),St=!1,Dt=null,ot=null,Vt=null,fl=null;m!=null&&(xe==0||w!=null)&&(St=!0,Dt=m.values(y,A,E,C),ot=new Map,new Set(Dt).forEach(D=>{D!=null&&ot.set(D,new Path2D)}),xe>0&&(Vt=w.values(y,A,E,C),fl=new Map,new Set(Vt).forEach(D=>{D!=null&&fl.set(D,new Path2D)})));let{x0:dl,size:Wl}=h;if(dl!=null&&Wl!=null){N=1,_=dl.values(y,A,E,C),dl.unit==2&&(_=_.map(Le=>y.posToVal(j+Le*Y,S.key,!0)));let D=Wl.values(y,A,E,C);Wl.unit==2?oe=D[0]*Y:oe=O(D[0],S,Y,j)-O(0,S,Y,j),Xe=vr(_,R,O,S,Y,j,Xe),mt=Xe-oe+G}else Xe=vr(_,R,O,S,Y,j,Xe),mt=Xe*a+G,oe=Xe-mt;mt<1&&(mt=0),xe>=oe/2&&(xe=0),mt<5&&(K=Mr);let dn=mt>0,jt=Xe-mt-(dn?xe:0);oe=K(ks(jt,te,H)),ve=(N==0?oe/2:N==we?0:oe)-N*we*((N==0?G/2:0)+(dn?xe/2:0));let Ge={stroke:null,fill:null,clip:null,band:null,gaps:null,flags:0},pl=St?null:new Path2D,Rt=null;if(Z!=null)Rt=y.data[Z.series[1]];else{let{y0:D,y1:pe}=h;D!=null&&pe!=null&&(R=pe.values(y,A,E,C),Rt=D.values(y,A,E,C))}let qt=U*oe,q=Ke*oe;for(let D=we==1?E:C;D>=E&&D<=C;D+=we){let pe=R[D];if(pe==null)continue;if(Rt!=null){let Je=Rt[D]??0;if(pe-Je==0)continue;We=J(Je,W,T,X)}let Le=S.distr!=2||h!=null?_[D]:D,hl=O(Le,S,Y,j),Kt=J(se(pe,Me),W,T,X),kt=K(hl-ve),Jt=K(qe(Kt,We)),et=K(yt(Kt,We)),at=Jt-et;if(pe!=null){let Je=pe<0?q:qt,gt=pe<0?qt:q;St?(xe>0&&Vt[D]!=null&&le(fl.get(Vt[D]),kt,et+it(xe/2),oe,qe(0,at-xe),Je,gt),Dt[D]!=null&&le(ot.get(Dt[D]),kt,et+it(xe/2),oe,qe(0,at-xe),Je,gt)):le(pl,kt,et+it(xe/2),oe,qe(0,at-xe),Je,gt),ce(y,A,D,kt-xe/2,et,oe+xe,at)}}return xe>0?Ge.stroke=St?fl:pl:St||(Ge._fill=F.width==0?F._fill:F._stroke??F._fill,Ge.width=0),Ge.fill=St?ot:pl,Ge})}function jc(e,t){let s=se(t?.alignGaps,0);return(l,i,u,a)=>al(l,i,(f,p,h,g,m,w,y,A,E,C,F)=>{[u,a]=Ln(h,u,a);let _=f.pxRound,R=U=>_(w(U,g,C,A)),S=U=>_(y(U,m,F,E)),W,O,J;g.ori==0?(W=zn,J=Vl,O=to):(W=On,J=Il,O=lo);let j=g.dir*(g.ori==0?1:-1),X=R(p[j==1?u:a]),Y=X,T=[],K=[];for(let U=j==1?u:a;U>=u&&U<=a;U+=j)if(h[U]!=null){let we=p[U],le=R(we);T.push(Y=le),K.push(S(h[U]))}let N={stroke:e(T,K,W,J,O,_),fill:null,clip:null,band:null,gaps:null,flags:Fl},G=N.stroke,[H,te]=Hs(l,i);if(f.fill!=null||H!=0){let U=N.fill=new Path2D(G),Ke=f.fillTo(l,i,f.min,f.max,H),we=S(Ke);J(U,Y,we),J(U,X,we)}if(!f.spanGaps){let U=[];U.push(...$s(p,h,u,a,j,R,s)),N.gaps=U=f.gaps(l,i,u,a,U),N.clip=Rn(U,g.ori,A,E,C,F)}return te!=0&&(N.band=te==2?[Ft(l,i,u,a,G,-1),Ft(l,i,u,a,G,1)]:Ft(l,i,u,a,G,te)),N})}function qc(e){return jc(Kc,e)}function Kc(e,t,s,l,i,u){let a=e.length;if(a<2)return null;let f=new Path2D;if(s(f,e[0],t[0]),a==2)l(f,e[1],t[1]);else{let p=Array(a),h=Array(a-1),g=Array(a-1),m=Array(a-1);for(let w=0;w<a-1;w++)g[w]=t[w+1]-t[w],m[w]=e[w+1]-e[w],h[w]=g[w]/m[w];p[0]=h[0];for(let w=1;w<a-1;w++)h[w]===0||h[w-1]===0||h[w-1]>0!=h[w]>0?p[w]=0:(p[w]=3*(m[w-1]+m[w])/((2*m[w]+m[w-1])/h[w-1]+(m[w]+2*m[w-1])/h[w]),isFinite(p[w])||(p[w]=0));p[a-1]=h[a-2];for(let w=0;w<a-1;w++)i(f,e[w]+m[w]/3,t[w]+p[w]*m[w]/3,e[w+1]-m[w]/3,t[w+1]-p[w+1]*m[w]/3,e[w+1],t[w+1])}return f}var Ms=new Set;function _r(){for(let e of Ms)e.syncRect(!0)}Nl&&(rl(La,Dl,_r),rl(Pa,Dl,_r,!0),rl(Tn,Dl,()=>{Ve.pxRatio=re}));var Jc=io(),Zc=no();function xr(e,t,s,l){return(l?[e[0],e[1]].concat(e.slice(2)):[e[0]].concat(e.slice(1))).map((u,a)=>Ls(u,a,t,s))}function Qc(e,t){return e.map((s,l)=>l==0?{}:Te({},t,s))}function Ls(e,t,s,l){return Te({},t==0?s:l,e)}function ro(e,t,s){return t==null?zl:[t,s]}var Xc=ro;function eu(e,t,s){return t==null?zl:En(t,s,zs,!0)}function oo(e,t,s,l){return t==null?zl:Pn(t,s,e.scales[l].log,!1)}var tu=oo;function ao(e,t,s,l){return t==null?zl:Rs(t,s,e.scales[l].log,!1)}var lu=ao;function nu(e,t,s,l,i){let u=qe(Xi(e),Xi(t)),a=t-e,f=xt(i/l*a,s);do{let p=s[f],h=l*p/a;if(h>=i&&u+(p<5?Bt.get(p):0)<=17)return[p,h]}while(++f<s.length);return[0,0]}function yr(e){let t,s;return e=e.replace(/(\d+)px/,(l,i)=>(t=Pe((s=+i)*re))+"px"),[e,t,s]}function su(e){e.show&&[e.font,e.labelFont].forEach(t=>{let s=de(t[2]*re,1);t[0]=t[0].replace(/[0-9.]+px/,s+"px"),t[1]=s})}function Ve(e,t,s){let l={mode:se(e.mode,1)},i=l.mode;function u(n,r,o,c){let d=r.valToPct(n);return c+o*(r.dir==-1?1-d:d)}function a(n,r,o,c){let d=r.valToPct(n);return c+o*(r.dir==-1?d:1-d)}function f(n,r,o,c){return r.ori==0?u(n,r,o,c):a(n,r,o,c)}l.valToPosH=u,l.valToPosV=a;let p=!1;l.status=0;let h=l.root=pt(fa);if(e.id!=null&&(h.id=e.id),st(h,e.class),e.title){let n=pt(ha,h);n.textContent=e.title}let g=_t("canvas"),m=l.ctx=g.getContext("2d"),w=pt(ma,h);rl("click",w,n=>{n.target===A&&(he!=Al||_e!=Tl)&&Ue.click(l,n)},!0);let y=l.under=pt(ga,w);w.appendChild(g);let A=l.over=pt(ba,w);e=Ol(e);let E=+se(e.pxAlign,1),C=wr(E);(e.plugins||[]).forEach(n=>{n.opts&&(e=n.opts(l,e)||e)});let F=e.ms||.001,_=l.series=i==1?xr(e.series||[],fr,gr,!1):Qc(e.series||[null],mr),R=l.axes=xr(e.axes||[],ur,pr,!0),S=l.scales={},W=l.bands=e.bands||[];W.forEach(n=>{n.fill=ee(n.fill||null),n.dir=se(n.dir,-1)});let O=i==2?_[1].facets[0].scale:_[0].scale,J={axes:Ko,series:Go},j=(e.drawOrder||["axes","series"]).map(n=>J[n]);function X(n){let r=n.distr==3?o=>Ot(o>0?o:n.clamp(l,o,n.min,n.max,n.key)):n.distr==4?o=>gs(o,n.asinh):n.distr==100?o=>n.fwd(o):o=>o;return o=>{let c=r(o),{_min:d,_max:b}=n,v=b-d;return(c-d)/v}}function Y(n){let r=S[n];if(r==null){let o=(e.scales||ln)[n]||ln;if(o.from!=null){Y(o.from);let c=Te({},S[o.from],o,{key:n});c.valToPct=X(c),S[n]=c}else{r=S[n]=Te({},n==O?Jr:Uc,o),r.key=n;let c=r.time,d=r.range,b=Gt(d);if((n!=O||i==2&&!c)&&(b&&(d[0]==null||d[1]==null)&&(d={min:d[0]==null?Ji:{mode:1,hard:d[0],soft:d[0]},max:d[1]==null?Ji:{mode:1,hard:d[1],soft:d[1]}},b=!1),!b&&Dn(d))){let v=d;d=(x,k,L)=>k==null?zl:En(k,L,v)}r.range=ee(d||(c?Xc:n==O?r.distr==3?tu:r.distr==4?lu:ro:r.distr==3?oo:r.distr==4?ao:eu)),r.auto=ee(b?!1:r.auto),r.clamp=ee(r.clamp||Ic),r._min=r._max=null,r.valToPct=X(r)}}}Y("x"),Y("y"),i==1&&_.forEach(n=>{Y(n.scale)}),R.forEach(n=>{Y(n.scale)});for(let n in e.scales)Y(n);let T=S[O],K=T.distr,N,G;T.ori==0?(st(h,da),N=u,G=a):(st(h,pa),N=a,G=u);let H={};for(let n in S){let r=S[n];(r.min!=null||r.max!=null)&&(H[n]={min:r.min,max:r.max},r.min=r.max=null)}let te=e.tzDate||(n=>new Date(Pe(n/F))),U=e.fmtDate||Ns,Ke=F==1?dc(te):mc(te),we=or(te,rr(F==1?fc:hc,U)),le=cr(te,ar(bc,U)),ce=[],Z=l.legend=Te({},_c,e.legend),V=l.cursor=Te({},Tc,{drag:{y:i==2}},e.cursor),Me=Z.show,We=V.show,ve=Z.markers;Z.idxs=ce,ve.width=ee(ve.width),ve.dash=ee(ve.dash),ve.stroke=ee(ve.stroke),ve.fill=ee(ve.fill);let oe,mt,Xe,xe=[],St=[],Dt,ot=!1,Vt={};if(Z.live){let n=_[1]?_[1].values:null;ot=n!=null,Dt=ot?n(l,1,0):{_:0};for(let r in Dt)Vt[r]=Cs}if(Me)if(oe=_t("table",Sa,h),Xe=_t("tbody",null,oe),Z.mount(l,oe),ot){mt=_t("thead",null,oe,Xe);let n=_t("tr",null,mt);_t("th",null,n);for(var fl in Dt)_t("th",Ni,n).textContent=fl}else st(oe,Aa),Z.live&&st(oe,ka);let dl={show:!0},Wl={show:!1};function dn(n,r){if(r==0&&(ot||!Z.live||i==2))return zl;let o=[],c=_t("tr",Ta,Xe,Xe.childNodes[r]);st(c,n.class),n.show||st(c,il);let d=_t("th",null,c);if(ve.show){let x=pt(Ea,d);if(r>0){let k=ve.width(l,r);k&&(x.style.border=k+"px "+ve.dash(l,r)+" "+ve.stroke(l,r)),x.style.background=ve.fill(l,r)}}let b=pt(Ni,d);n.label instanceof HTMLElement?b.appendChild(n.label):b.textContent=n.label,r>0&&(ve.show||(b.style.color=n.width>0?ve.stroke(l,r):ve.fill(l,r)),Ge("click",d,x=>{if(V._lock)return;Qt(x);let k=_.indexOf(n);if((x.ctrlKey||x.metaKey)!=Z.isolate){let L=_.some((P,z)=>z>0&&z!=k&&P.show);_.forEach((P,z)=>{z>0&&Tt(z,L?z==k?dl:Wl:dl,!0,Ae.setSeries)})}else Tt(k,{show:!n.show},!0,Ae.setSeries)},!1),gl&&Ge(Hi,d,x=>{V._lock||(Qt(x),Tt(_.indexOf(n),Ml,!0,Ae.setSeries))},!1));for(var v in Dt){let x=_t("td",Ma,c);x.textContent="--",o.push(x)}return[c,o]}let jt=new Map;function Ge(n,r,o,c=!0){let d=jt.get(r)||{},b=V.bind[n](l,r,o,c);b&&(rl(n,r,d[n]=b),jt.set(r,d))}function pl(n,r,o){let c=jt.get(r)||{};for(let d in c)(n==null||d==n)&&(Ss(d,r,c[d]),delete c[d]);n==null&&jt.delete(r)}let Rt=0,qt=0,q=0,D=0,pe=0,Le=0,hl=pe,Kt=Le,kt=q,Jt=D,et=0,at=0,Je=0,gt=0;l.bbox={};let Gn=!1,pn=!1,ml=!1,Zt=!1,hn=!1,ct=!1;function Bn(n,r,o){(o||n!=l.width||r!=l.height)&&ri(n,r),xl(!1),ml=!0,pn=!0,yl()}function ri(n,r){l.width=Rt=q=n,l.height=qt=D=r,pe=Le=0,No(),Vo();let o=l.bbox;et=o.left=nl(pe*re,.5),at=o.top=nl(Le*re,.5),Je=o.width=nl(q*re,.5),gt=o.height=nl(D*re,.5)}let zo=3;function Oo(){let n=!1,r=0;for(;!n;){r++;let o=jo(r),c=qo(r);n=r==zo||o&&c,n||(ri(l.width,l.height),pn=!0)}}function Fo({width:n,height:r}){Bn(n,r)}l.setSize=Fo;function No(){let n=!1,r=!1,o=!1,c=!1;R.forEach((d,b)=>{if(d.show&&d._show){let{side:v,_size:x}=d,k=v%2,L=d.label!=null?d.labelSize:0,P=x+L;P>0&&(k?(q-=P,v==3?(pe+=P,c=!0):o=!0):(D-=P,v==0?(Le+=P,n=!0):r=!0))}}),Xt[0]=n,Xt[1]=o,Xt[2]=r,Xt[3]=c,q-=It[1]+It[3],pe+=It[3],D-=It[2]+It[0],Le+=It[0]}function Vo(){let n=pe+q,r=Le+D,o=pe,c=Le;function d(b,v){switch(b){case 1:return n+=v,n-v;case 2:return r+=v,r-v;case 3:return o-=v,o+v;case 0:return c-=v,c+v}}R.forEach((b,v)=>{if(b.show&&b._show){let x=b.side;b._pos=d(x,b._size),b.label!=null&&(b._lpos=d(x,b.labelSize))}})}if(V.dataIdx==null){let n=V.hover,r=n.skip=new Set(n.skip??[]);r.add(void 0);let o=n.prox=ee(n.prox),c=n.bias??(n.bias=0);V.dataIdx=(d,b,v,x)=>{if(b==0)return v;let k=v,L=o(d,b,v,x)??fe,P=L>=0&&L<fe,z=T.ori==0?q:D,B=V.left,ie=t[0],ne=t[b];if(r.has(ne[v])){k=null;let Q=null,$=null,I;if(c==0||c==-1)for(I=v;Q==null&&I-- >0;)r.has(ne[I])||(Q=I);if(c==0||c==1)for(I=v;$==null&&I++<ne.length;)r.has(ne[I])||($=I);if(Q!=null||$!=null)if(P){let ge=Q==null?-1/0:N(ie[Q],T,z,0),Se=$==null?1/0:N(ie[$],T,z,0),Ne=B-ge,ue=Se-B;Ne<=ue?Ne<=L&&(k=Q):ue<=L&&(k=$)}else k=$==null?Q:Q==null?$:v-Q<=$-v?Q:$}else P&&Ce(B-N(ie[v],T,z,0))>L&&(k=null);return k}}let Qt=n=>{V.event=n};V.idxs=ce,V._lock=!1;let He=V.points;He.show=ee(He.show),He.size=ee(He.size),He.stroke=ee(He.stroke),He.width=ee(He.width),He.fill=ee(He.fill);let At=l.focus=Te({},e.focus||{alpha:.3},V.focus),gl=At.prox>=0,bl=gl&&He.one,ut=[],wl=[],vl=[];function oi(n,r){let o=He.show(l,r);if(o instanceof HTMLElement)return st(o,ya),st(o,n.class),Pt(o,-10,-10,q,D),A.insertBefore(o,ut[r]),o}function ai(n,r){if(i==1||r>0){let o=i==1&&S[n.scale].time,c=n.value;n.value=o?lr(c)?cr(te,ar(c,U)):c||le:c||Fc,n.label=n.label||(o?Mc:Ec)}if(bl||r>0){n.width=n.width==null?1:n.width,n.paths=n.paths||Jc||Ua,n.fillTo=ee(n.fillTo||Hc),n.pxAlign=+se(n.pxAlign,E),n.pxRound=wr(n.pxAlign),n.stroke=ee(n.stroke||null),n.fill=ee(n.fill||null),n._stroke=n._fill=n._paths=n._focus=null;let o=Nc(qe(1,n.width),1),c=n.points=Te({},{size:o,width:qe(1,o*.2),stroke:n.stroke,space:o*2,paths:Zc,_stroke:null,_fill:null},n.points);c.show=ee(c.show),c.filter=ee(c.filter),c.fill=ee(c.fill),c.stroke=ee(c.stroke),c.paths=ee(c.paths),c.pxAlign=n.pxAlign}if(Me){let o=dn(n,r);xe.splice(r,0,o[0]),St.splice(r,0,o[1]),Z.values.push(null)}if(We){ce.splice(r,0,null);let o=null;bl?r==0&&(o=oi(n,r)):r>0&&(o=oi(n,r)),ut.splice(r,0,o),wl.splice(r,0,0),vl.splice(r,0,0)}Fe("addSeries",r)}function Io(n,r){r=r??_.length,n=i==1?Ls(n,r,fr,gr):Ls(n,r,{},mr),_.splice(r,0,n),ai(_[r],r)}l.addSeries=Io;function Uo(n){if(_.splice(n,1),Me){Z.values.splice(n,1),St.splice(n,1);let r=xe.splice(n,1)[0];pl(null,r.firstChild),r.remove()}We&&(ce.splice(n,1),ut.splice(n,1)[0].remove(),wl.splice(n,1),vl.splice(n,1)),Fe("delSeries",n)}l.delSeries=Uo;let Xt=[!1,!1,!1,!1];function Ho(n,r){if(n._show=n.show,n.show){let o=n.side%2,c=S[n.scale];c==null&&(n.scale=o?_[1].scale:O,c=S[n.scale]);let d=c.time;n.size=ee(n.size),n.space=ee(n.space),n.rotate=ee(n.rotate),Gt(n.incrs)&&n.incrs.forEach(v=>{!Bt.has(v)&&Bt.set(v,Cr(v))}),n.incrs=ee(n.incrs||(c.distr==2?ac:d?F==1?uc:pc:sl)),n.splits=ee(n.splits||(d&&c.distr==1?Ke:c.distr==3?As:c.distr==4?Cc:Pc)),n.stroke=ee(n.stroke),n.grid.stroke=ee(n.grid.stroke),n.ticks.stroke=ee(n.ticks.stroke),n.border.stroke=ee(n.border.stroke);let b=n.values;n.values=Gt(b)&&!Gt(b[0])?ee(b):d?Gt(b)?or(te,rr(b,U)):lr(b)?gc(te,b):b||we:b||Lc,n.filter=ee(n.filter||(c.distr>=3&&c.log==10?zc:c.distr==3&&c.log==2?Oc:Lr)),n.font=yr(n.font),n.labelFont=yr(n.labelFont),n._size=n.size(l,null,r,0),n._space=n._rotate=n._incrs=n._found=n._splits=n._values=null,n._size>0&&(Xt[r]=!0,n._el=pt(wa,w))}}function Gl(n,r,o,c){let[d,b,v,x]=o,k=r%2,L=0;return k==0&&(x||b)&&(L=r==0&&!d||r==2&&!v?Pe(ur.size/3):0),k==1&&(d||v)&&(L=r==1&&!b||r==3&&!x?Pe(pr.size/2):0),L}let ci=l.padding=(e.padding||[Gl,Gl,Gl,Gl]).map(n=>ee(se(n,Gl))),It=l._padding=ci.map((n,r)=>n(l,r,Xt,0)),Ie,De=null,Re=null,mn=i==1?_[0].idxs:null,bt=null,Bl=!1;function ui(n,r){if(t=n??[],l.data=l._data=t,i==2){Ie=0;for(let o=1;o<_.length;o++)Ie+=t[o][0].length}else{t.length==0&&(l.data=l._data=t=[[]]),bt=t[0],Ie=bt.length;let o=t;if(K==2){o=t.slice();let c=o[0]=Array(Ie);for(let d=0;d<Ie;d++)c[d]=d}l._data=t=o}if(xl(!0),Fe("setData"),K==2&&(ml=!0),r!==!1){let o=T;o.auto(l,Bl)?Yn():Ht(O,o.min,o.max),Zt=Zt||V.left>=0,ct=!0,yl()}}l.setData=ui;function Yn(){Bl=!0;let n,r;i==1&&(Ie>0?(De=mn[0]=0,Re=mn[1]=Ie-1,n=t[0][De],r=t[0][Re],K==2?(n=De,r=Re):n==r&&(K==3?[n,r]=Pn(n,n,T.log,!1):K==4?[n,r]=Rs(n,n,T.log,!1):T.time?r=n+Pe(86400/F):[n,r]=En(n,r,zs,!0))):(De=mn[0]=n=null,Re=mn[1]=r=null)),Ht(O,n,r)}let gn,_l,jn,qn,Kn,Jn,Zn,Qn,Xn,Ze;function fi(n,r,o,c,d,b){n??(n=Ii),o??(o=Fs),c??(c="butt"),d??(d=Ii),b??(b="round"),n!=gn&&(m.strokeStyle=gn=n),d!=_l&&(m.fillStyle=_l=d),r!=jn&&(m.lineWidth=jn=r),b!=Kn&&(m.lineJoin=Kn=b),c!=Jn&&(m.lineCap=Jn=c),o!=qn&&m.setLineDash(qn=o)}function di(n,r,o,c){r!=_l&&(m.fillStyle=_l=r),n!=Zn&&(m.font=Zn=n),o!=Qn&&(m.textAlign=Qn=o),c!=Xn&&(m.textBaseline=Xn=c)}function es(n,r,o,c,d=0){if(c.length>0&&n.auto(l,Bl)&&(r==null||r.min==null)){let b=se(De,0),v=se(Re,c.length-1),x=o.min==null?za(c,b,v,d,n.distr==3):[o.min,o.max];n.min=yt(n.min,o.min=x[0]),n.max=qe(n.max,o.max=x[1])}}let pi={min:null,max:null};function $o(){for(let c in S){let d=S[c];H[c]==null&&(d.min==null||H[O]!=null&&d.auto(l,Bl))&&(H[c]=pi)}for(let c in S){let d=S[c];H[c]==null&&d.from!=null&&H[d.from]!=null&&(H[c]=pi)}H[O]!=null&&xl(!0);let n={};for(let c in H){let d=H[c];if(d!=null){let b=n[c]=Ol(S[c],Wa);if(d.min!=null)Te(b,d);else if(c!=O||i==2)if(Ie==0&&b.from==null){let v=b.range(l,null,null,c);b.min=v[0],b.max=v[1]}else b.min=fe,b.max=-fe}}if(Ie>0){_.forEach((c,d)=>{if(i==1){let b=c.scale,v=H[b];if(v==null)return;let x=n[b];if(d==0){let k=x.range(l,x.min,x.max,b);x.min=k[0],x.max=k[1],De=xt(x.min,t[0]),Re=xt(x.max,t[0]),Re-De>1&&(t[0][De]<x.min&&De++,t[0][Re]>x.max&&Re--),c.min=bt[De],c.max=bt[Re]}else c.show&&c.auto&&es(x,v,c,t[d],c.sorted);c.idxs[0]=De,c.idxs[1]=Re}else if(d>0&&c.show&&c.auto){let[b,v]=c.facets,x=b.scale,k=v.scale,[L,P]=t[d],z=n[x],B=n[k];z!=null&&es(z,H[x],b,L,b.sorted),B!=null&&es(B,H[k],v,P,v.sorted),c.min=v.min,c.max=v.max}});for(let c in n){let d=n[c],b=H[c];if(d.from==null&&(b==null||b.min==null)){let v=d.range(l,d.min==fe?null:d.min,d.max==-fe?null:d.max,c);d.min=v[0],d.max=v[1]}}}for(let c in n){let d=n[c];if(d.from!=null){let b=n[d.from];if(b.min==null)d.min=d.max=null;else{let v=d.range(l,b.min,b.max,c);d.min=v[0],d.max=v[1]}}}let r={},o=!1;for(let c in n){let d=n[c],b=S[c];if(b.min!=d.min||b.max!=d.max){b.min=d.min,b.max=d.max;let v=b.distr;b._min=v==3?Ot(b.min):v==4?gs(b.min,b.asinh):v==100?b.fwd(b.min):b.min,b._max=v==3?Ot(b.max):v==4?gs(b.max,b.asinh):v==100?b.fwd(b.max):b.max,r[c]=o=!0}}if(o){_.forEach((c,d)=>{i==2?d>0&&r.y&&(c._paths=null):r[c.scale]&&(c._paths=null)});for(let c in r)ml=!0,Fe("setScale",c);We&&V.left>=0&&(Zt=ct=!0)}for(let c in H)H[c]=null}function Wo(n){let r=ks(De-1,0,Ie-1),o=ks(Re+1,0,Ie-1);for(;n[r]==null&&r>0;)r--;for(;n[o]==null&&o<Ie-1;)o++;return[r,o]}function Go(){if(Ie>0){let n=_.some(r=>r._focus)&&Ze!=At.alpha;n&&(m.globalAlpha=Ze=At.alpha),_.forEach((r,o)=>{if(o>0&&r.show&&(hi(o,!1),hi(o,!0),r._paths==null)){let c=Ze;Ze!=r.alpha&&(m.globalAlpha=Ze=r.alpha);let d=i==2?[0,t[o][0].length-1]:Wo(t[o]);r._paths=r.paths(l,o,d[0],d[1]),Ze!=c&&(m.globalAlpha=Ze=c)}}),_.forEach((r,o)=>{if(o>0&&r.show){let c=Ze;Ze!=r.alpha&&(m.globalAlpha=Ze=r.alpha),r._paths!=null&&mi(o,!1);{let d=r._paths!=null?r._paths.gaps:null,b=r.points.show(l,o,De,Re,d),v=r.points.filter(l,o,b,d);(b||v)&&(r.points._paths=r.points.paths(l,o,De,Re,v),mi(o,!0))}Ze!=c&&(m.globalAlpha=Ze=c),Fe("drawSeries",o)}}),n&&(m.globalAlpha=Ze=1)}}function hi(n,r){let o=r?_[n].points:_[n];o._stroke=o.stroke(l,n),o._fill=o.fill(l,n)}function mi(n,r){let o=r?_[n].points:_[n],{stroke:c,fill:d,clip:b,flags:v,_stroke:x=o._stroke,_fill:k=o._fill,_width:L=o.width}=o._paths;L=de(L*re,3);let P=null,z=L%2/2;r&&k==null&&(k=L>0?"#fff":x);let B=o.pxAlign==1&&z>0;if(B&&m.translate(z,z),!r){let ie=et-L/2,ne=at-L/2,Q=Je+L,$=gt+L;P=new Path2D,P.rect(ie,ne,Q,$)}r?ts(x,L,o.dash,o.cap,k,c,d,v,b):Bo(n,x,L,o.dash,o.cap,k,c,d,v,P,b),B&&m.translate(-z,-z)}function Bo(n,r,o,c,d,b,v,x,k,L,P){let z=!1;k!=0&&W.forEach((B,ie)=>{if(B.series[0]==n){let ne=_[B.series[1]],Q=t[B.series[1]],$=(ne._paths||ln).band;Gt($)&&($=B.dir==1?$[0]:$[1]);let I,ge=null;ne.show&&$&&Fa(Q,De,Re)?(ge=B.fill(l,ie)||b,I=ne._paths.clip):$=null,ts(r,o,c,d,ge,v,x,k,L,P,I,$),z=!0}}),z||ts(r,o,c,d,b,v,x,k,L,P)}let gi=Fl|Es;function ts(n,r,o,c,d,b,v,x,k,L,P,z){fi(n,r,o,c,d),(k||L||z)&&(m.save(),k&&m.clip(k),L&&m.clip(L)),z?(x&gi)==gi?(m.clip(z),P&&m.clip(P),wn(d,v),bn(n,b,r)):x&Es?(wn(d,v),m.clip(z),bn(n,b,r)):x&Fl&&(m.save(),m.clip(z),P&&m.clip(P),wn(d,v),m.restore(),bn(n,b,r)):(wn(d,v),bn(n,b,r)),(k||L||z)&&m.restore()}function bn(n,r,o){o>0&&(r instanceof Map?r.forEach((c,d)=>{m.strokeStyle=gn=d,m.stroke(c)}):r!=null&&n&&m.stroke(r))}function wn(n,r){r instanceof Map?r.forEach((o,c)=>{m.fillStyle=_l=c,m.fill(o)}):r!=null&&n&&m.fill(r)}function Yo(n,r,o,c){let d=R[n],b;if(c<=0)b=[0,0];else{let v=d._space=d.space(l,n,r,o,c),x=d._incrs=d.incrs(l,n,r,o,c,v);b=nu(r,o,x,c,v)}return d._found=b}function ls(n,r,o,c,d,b,v,x,k,L){let P=v%2/2;E==1&&m.translate(P,P),fi(x,v,k,L,x),m.beginPath();let z,B,ie,ne,Q=d+(c==0||c==3?-b:b);o==0?(B=d,ne=Q):(z=d,ie=Q);for(let $=0;$<n.length;$++)r[$]!=null&&(o==0?z=ie=n[$]:B=ne=n[$],m.moveTo(z,B),m.lineTo(ie,ne));m.stroke(),E==1&&m.translate(-P,-P)}function jo(n){let r=!0;return R.forEach((o,c)=>{if(!o.show)return;let d=S[o.scale];if(d.min==null){o._show&&(r=!1,o._show=!1,xl(!1));return}else o._show||(r=!1,o._show=!0,xl(!1));let b=o.side,v=b%2,{min:x,max:k}=d,[L,P]=Yo(c,x,k,v==0?q:D);if(P==0)return;let z=d.distr==2,B=o._splits=o.splits(l,c,x,k,L,P,z),ie=d.distr==2?B.map(I=>bt[I]):B,ne=d.distr==2?bt[B[1]]-bt[B[0]]:L,Q=o._values=o.values(l,o.filter(l,ie,c,P,ne),c,P,ne);o._rotate=b==2?o.rotate(l,Q,c,P):0;let $=o._size;o._size=ht(o.size(l,Q,c,n)),$!=null&&o._size!=$&&(r=!1)}),r}function qo(n){let r=!0;return ci.forEach((o,c)=>{let d=o(l,c,Xt,n);d!=It[c]&&(r=!1),It[c]=d}),r}function Ko(){for(let n=0;n<R.length;n++){let r=R[n];if(!r.show||!r._show)continue;let o=r.side,c=o%2,d,b,v=r.stroke(l,n),x=o==0||o==3?-1:1,[k,L]=r._found;if(r.label!=null){let Ye=r.labelGap*x,nt=Pe((r._lpos+Ye)*re);di(r.labelFont[0],v,"center",o==2?"top":Vi),m.save(),c==1?(d=b=0,m.translate(nt,Pe(at+gt/2)),m.rotate((o==3?-An:An)/2)):(d=Pe(et+Je/2),b=nt);let ll=Er(r.label)?r.label(l,n,k,L):r.label;m.fillText(ll,d,b),m.restore()}if(L==0)continue;let P=S[r.scale],z=c==0?Je:gt,B=c==0?et:at,ie=r._splits,ne=P.distr==2?ie.map(Ye=>bt[Ye]):ie,Q=P.distr==2?bt[ie[1]]-bt[ie[0]]:k,$=r.ticks,I=r.border,ge=$.show?$.size:0,Se=Pe(ge*re),Ne=Pe((r.alignTo==2?r._size-ge-r.gap:r.gap)*re),ue=r._rotate*-An/180,ke=C(r._pos*re),tt=(Se+Ne)*x,Be=ke+tt;b=c==0?Be:0,d=c==1?Be:0;let ft=r.font[0],wt=r.align==1?Pl:r.align==2?ps:ue>0?Pl:ue<0?ps:c==0?"center":o==3?ps:Pl,Mt=ue||c==1?"middle":o==2?"top":Vi;di(ft,v,wt,Mt);let lt=r.font[1]*r.lineGap,dt=ie.map(Ye=>C(f(Ye,P,z,B))),vt=r._values;for(let Ye=0;Ye<vt.length;Ye++){let nt=vt[Ye];if(nt!=null){c==0?d=dt[Ye]:b=dt[Ye],nt=""+nt;let ll=nt.indexOf(`
`)==-1?[nt]:nt.split(/\n/gm);for(let je=0;je<ll.length;je++){let Oi=ll[je];ue?(m.save(),m.translate(d,b+je*lt),m.rotate(ue),m.fillText(Oi,0,0),m.restore()):m.fillText(Oi,d,b+je*lt)}}}$.show&&ls(dt,$.filter(l,ne,n,L,Q),c,o,ke,Se,de($.width*re,3),$.stroke(l,n),$.dash,$.cap);let Lt=r.grid;Lt.show&&ls(dt,Lt.filter(l,ne,n,L,Q),c,c==0?2:1,c==0?at:et,c==0?gt:Je,de(Lt.width*re,3),Lt.stroke(l,n),Lt.dash,Lt.cap),I.show&&ls([ke],[1],c==0?1:0,c==0?1:2,c==1?at:et,c==1?gt:Je,de(I.width*re,3),I.stroke(l,n),I.dash,I.cap)}Fe("drawAxes")}function xl(n){_.forEach((r,o)=>{o>0&&(r._paths=null,n&&(i==1?(r.min=null,r.max=null):r.facets.forEach(c=>{c.min=null,c.max=null})))})}let vn=!1,ns=!1,Yl=[];function Jo(){ns=!1;for(let n=0;n<Yl.length;n++)Fe(...Yl[n]);Yl.length=0}function yl(){vn||(Ja(bi),vn=!0)}function Zo(n,r=!1){vn=!0,ns=r,n(l),bi(),r&&Yl.length>0&&queueMicrotask(Jo)}l.batch=Zo;function bi(){if(Gn&&($o(),Gn=!1),ml&&(Oo(),ml=!1),pn){if(be(y,Pl,pe),be(y,"top",Le),be(y,Ql,q),be(y,Xl,D),be(A,Pl,pe),be(A,"top",Le),be(A,Ql,q),be(A,Xl,D),be(w,Ql,Rt),be(w,Xl,qt),g.width=Pe(Rt*re),g.height=Pe(qt*re),R.forEach(({_el:n,_show:r,_size:o,_pos:c,side:d})=>{if(n!=null)if(r){let b=d===3||d===0?o:0,v=d%2==1;be(n,v?"left":"top",c-b),be(n,v?"width":"height",o),be(n,v?"top":"left",v?Le:pe),be(n,v?"height":"width",v?D:q),ys(n,il)}else st(n,il)}),gn=_l=jn=Kn=Jn=Zn=Qn=Xn=qn=null,Ze=1,Kl(!0),pe!=hl||Le!=Kt||q!=kt||D!=Jt){xl(!1);let n=q/kt,r=D/Jt;if(We&&!Zt&&V.left>=0){V.left*=n,V.top*=r,Sl&&Pt(Sl,Pe(V.left),0,q,D),kl&&Pt(kl,0,Pe(V.top),q,D);for(let o=0;o<ut.length;o++){let c=ut[o];c!=null&&(wl[o]*=n,vl[o]*=r,Pt(c,ht(wl[o]),ht(vl[o]),q,D))}}if(me.show&&!hn&&me.left>=0&&me.width>0){me.left*=n,me.width*=n,me.top*=r,me.height*=r;for(let o in cs)be(El,o,me[o])}hl=pe,Kt=Le,kt=q,Jt=D}Fe("setSize"),pn=!1}Rt>0&&qt>0&&(m.clearRect(0,0,g.width,g.height),Fe("drawClear"),j.forEach(n=>n()),Fe("draw")),me.show&&hn&&(_n(me),hn=!1),We&&Zt&&(tl(null,!0,!1),Zt=!1),Z.show&&Z.live&&ct&&(os(),ct=!1),p||(p=!0,l.status=1,Fe("ready")),Bl=!1,vn=!1}l.redraw=(n,r)=>{ml=r||!1,n!==!1?Ht(O,T.min,T.max):yl()};function ss(n,r){let o=S[n];if(o.from==null){if(Ie==0){let c=o.range(l,r.min,r.max,n);r.min=c[0],r.max=c[1]}if(r.min>r.max){let c=r.min;r.min=r.max,r.max=c}if(Ie>1&&r.min!=null&&r.max!=null&&r.max-r.min<1e-16)return;n==O&&o.distr==2&&Ie>0&&(r.min=xt(r.min,t[0]),r.max=xt(r.max,t[0]),r.min==r.max&&r.max++),H[n]=r,Gn=!0,yl()}}l.setScale=ss;let is,rs,Sl,kl,wi,vi,Al,Tl,_i,xi,he,_e,Ut=!1,Ue=V.drag,ze=Ue.x,Oe=Ue.y;We&&(V.x&&(is=pt(_a,A)),V.y&&(rs=pt(xa,A)),T.ori==0?(Sl=is,kl=rs):(Sl=rs,kl=is),he=V.left,_e=V.top);let me=l.select=Te({show:!0,over:!0,left:0,width:0,top:0,height:0},e.select),El=me.show?pt(va,me.over?A:y):null;function _n(n,r){if(me.show){for(let o in n)me[o]=n[o],o in cs&&be(El,o,n[o]);r!==!1&&Fe("setSelect")}}l.setSelect=_n;function Qo(n){if(_[n].show)Me&&ys(xe[n],il);else if(Me&&st(xe[n],il),We){let o=bl?ut[0]:ut[n];o!=null&&Pt(o,-10,-10,q,D)}}function Ht(n,r,o){ss(n,{min:r,max:o})}function Tt(n,r,o,c){r.focus!=null&&na(n),r.show!=null&&_.forEach((d,b)=>{b>0&&(n==b||n==null)&&(d.show=r.show,Qo(b),i==2?(Ht(d.facets[0].scale,null,null),Ht(d.facets[1].scale,null,null)):Ht(d.scale,null,null),yl())}),o!==!1&&Fe("setSeries",n,r),c&&Jl("setSeries",l,n,r)}l.setSeries=Tt;function Xo(n,r){Te(W[n],r)}function ea(n,r){n.fill=ee(n.fill||null),n.dir=se(n.dir,-1),r=r??W.length,W.splice(r,0,n)}function ta(n){n==null?W.length=0:W.splice(n,1)}l.addBand=ea,l.setBand=Xo,l.delBand=ta;function la(n,r){_[n].alpha=r,We&&ut[n]!=null&&(ut[n].style.opacity=r),Me&&xe[n]&&(xe[n].style.opacity=r)}let zt,$t,el,Ml={focus:!0};function na(n){if(n!=el){let r=n==null,o=At.alpha!=1;_.forEach((c,d)=>{if(i==1||d>0){let b=r||d==0||d==n;c._focus=r?null:b,o&&la(d,b?1:At.alpha)}}),el=n,o&&yl()}}Me&&gl&&Ge($i,oe,n=>{V._lock||(Qt(n),el!=null&&Tt(null,Ml,!0,Ae.setSeries))});function Et(n,r,o){let c=S[r];o&&(n=n/re-(c.ori==1?Le:pe));let d=q;c.ori==1&&(d=D,n=d-n),c.dir==-1&&(n=d-n);let b=c._min,v=c._max,x=n/d,k=b+(v-b)*x,L=c.distr;return L==3?Rl(10,k):L==4?Va(k,c.asinh):L==100?c.bwd(k):k}function sa(n,r){let o=Et(n,O,r);return xt(o,t[0],De,Re)}l.valToIdx=n=>xt(n,t[0]),l.posToIdx=sa,l.posToVal=Et,l.valToPos=(n,r,o)=>S[r].ori==0?u(n,S[r],o?Je:q,o?et:0):a(n,S[r],o?gt:D,o?at:0),l.setCursor=(n,r,o)=>{he=n.left,_e=n.top,tl(null,r,o)};function yi(n,r){be(El,Pl,me.left=n),be(El,Ql,me.width=r)}function Si(n,r){be(El,"top",me.top=n),be(El,Xl,me.height=r)}let jl=T.ori==0?yi:Si,ql=T.ori==1?yi:Si;function ia(){if(Me&&Z.live)for(let n=i==2?1:0;n<_.length;n++){if(n==0&&ot)continue;let r=Z.values[n],o=0;for(let c in r)St[n][o++].firstChild.nodeValue=r[c]}}function os(n,r){if(n!=null&&(n.idxs?n.idxs.forEach((o,c)=>{ce[c]=o}):$a(n.idx)||ce.fill(n.idx),Z.idx=ce[0]),Me&&Z.live){for(let o=0;o<_.length;o++)(o>0||i==1&&!ot)&&ra(o,ce[o]);ia()}ct=!1,r!==!1&&Fe("setLegend")}l.setLegend=os;function ra(n,r){let o=_[n],c=n==0&&K==2?bt:t[n],d;ot?d=o.values(l,n,r)??Vt:(d=o.value(l,r==null?null:c[r],n,r),d=d==null?Vt:{_:d}),Z.values[n]=d}function tl(n,r,o){_i=he,xi=_e,[he,_e]=V.move(l,he,_e),V.left=he,V.top=_e,We&&(Sl&&Pt(Sl,Pe(he),0,q,D),kl&&Pt(kl,0,Pe(_e),q,D));let c,d=De>Re;zt=fe,$t=null;let b=T.ori==0?q:D,v=T.ori==1?q:D;if(he<0||Ie==0||d){c=V.idx=null;for(let x=0;x<_.length;x++){let k=ut[x];k!=null&&Pt(k,-10,-10,q,D)}gl&&Tt(null,Ml,!0,n==null&&Ae.setSeries),Z.live&&(ce.fill(c),ct=!0)}else{let x,k,L;i==1&&(x=T.ori==0?he:_e,k=Et(x,O),c=V.idx=xt(k,t[0],De,Re),L=N(t[0][c],T,b,0));let P=-10,z=-10,B=0,ie=0,ne=!0,Q="",$="";for(let I=i==2?1:0;I<_.length;I++){let ge=_[I],Se=ce[I],Ne=Se==null?null:i==1?t[I][Se]:t[I][1][Se],ue=V.dataIdx(l,I,c,k),ke=ue==null?null:i==1?t[I][ue]:t[I][1][ue];if(ct=ct||ke!=Ne||ue!=Se,ce[I]=ue,I>0&&ge.show){let tt=ue==null?-10:ue==c?L:N(i==1?t[0][ue]:t[I][0][ue],T,b,0),Be=ke==null?-10:G(ke,i==1?S[ge.scale]:S[ge.facets[1].scale],v,0);if(gl&&ke!=null){let ft=T.ori==1?he:_e,wt=Ce(At.dist(l,I,ue,Be,ft));if(wt<zt){let Mt=At.bias;if(Mt!=0){let lt=Et(ft,ge.scale),dt=ke>=0?1:-1,vt=lt>=0?1:-1;vt==dt&&(vt==1?Mt==1?ke>=lt:ke<=lt:Mt==1?ke<=lt:ke>=lt)&&(zt=wt,$t=I)}else zt=wt,$t=I}}if(ct||bl){let ft,wt;T.ori==0?(ft=tt,wt=Be):(ft=Be,wt=tt);let Mt,lt,dt,vt,Lt,Ye,nt=!0,ll=He.bbox;if(ll!=null){nt=!1;let je=ll(l,I);dt=je.left,vt=je.top,Mt=je.width,lt=je.height}else dt=ft,vt=wt,Mt=lt=He.size(l,I);if(Ye=He.fill(l,I),Lt=He.stroke(l,I),bl)I==$t&&zt<=At.prox&&(P=dt,z=vt,B=Mt,ie=lt,ne=nt,Q=Ye,$=Lt);else{let je=ut[I];je!=null&&(wl[I]=dt,vl[I]=vt,Ki(je,Mt,lt,nt),ji(je,Ye,Lt),Pt(je,ht(dt),ht(vt),q,D))}}}}if(bl){let I=At.prox,ge=el==null?zt<=I:zt>I||$t!=el;if(ct||ge){let Se=ut[0];Se!=null&&(wl[0]=P,vl[0]=z,Ki(Se,B,ie,ne),ji(Se,Q,$),Pt(Se,ht(P),ht(z),q,D))}}}if(me.show&&Ut)if(n!=null){let[x,k]=Ae.scales,[L,P]=Ae.match,[z,B]=n.cursor.sync.scales,ie=n.cursor.drag;if(ze=ie._x,Oe=ie._y,ze||Oe){let{left:ne,top:Q,width:$,height:I}=n.select,ge=n.scales[z].ori,Se=n.posToVal,Ne,ue,ke,tt,Be,ft=x!=null&&L(x,z),wt=k!=null&&P(k,B);ft&&ze?(ge==0?(Ne=ne,ue=$):(Ne=Q,ue=I),ke=S[x],tt=N(Se(Ne,z),ke,b,0),Be=N(Se(Ne+ue,z),ke,b,0),jl(yt(tt,Be),Ce(Be-tt))):jl(0,b),wt&&Oe?(ge==1?(Ne=ne,ue=$):(Ne=Q,ue=I),ke=S[k],tt=G(Se(Ne,B),ke,v,0),Be=G(Se(Ne+ue,B),ke,v,0),ql(yt(tt,Be),Ce(Be-tt))):ql(0,v)}else us()}else{let x=Ce(_i-wi),k=Ce(xi-vi);if(T.ori==1){let B=x;x=k,k=B}ze=Ue.x&&x>=Ue.dist,Oe=Ue.y&&k>=Ue.dist;let L=Ue.uni;L!=null?ze&&Oe&&(ze=x>=L,Oe=k>=L,!ze&&!Oe&&(k>x?Oe=!0:ze=!0)):Ue.x&&Ue.y&&(ze||Oe)&&(ze=Oe=!0);let P,z;ze&&(T.ori==0?(P=Al,z=he):(P=Tl,z=_e),jl(yt(P,z),Ce(z-P)),Oe||ql(0,v)),Oe&&(T.ori==1?(P=Al,z=he):(P=Tl,z=_e),ql(yt(P,z),Ce(z-P)),ze||jl(0,b)),!ze&&!Oe&&(jl(0,0),ql(0,0))}if(Ue._x=ze,Ue._y=Oe,n==null){if(o){if(zi!=null){let[x,k]=Ae.scales;Ae.values[0]=x!=null?Et(T.ori==0?he:_e,x):null,Ae.values[1]=k!=null?Et(T.ori==1?he:_e,k):null}Jl(hs,l,he,_e,q,D,c)}if(gl){let x=o&&Ae.setSeries,k=At.prox;el==null?zt<=k&&Tt($t,Ml,!0,x):zt>k?Tt(null,Ml,!0,x):$t!=el&&Tt($t,Ml,!0,x)}}ct&&(Z.idx=c,os()),r!==!1&&Fe("setCursor")}let Wt=null;Object.defineProperty(l,"rect",{get(){return Wt==null&&Kl(!1),Wt}});function Kl(n=!1){n?Wt=null:(Wt=A.getBoundingClientRect(),Fe("syncRect",Wt))}function ki(n,r,o,c,d,b,v){V._lock||Ut&&n!=null&&n.movementX==0&&n.movementY==0||(as(n,r,o,c,d,b,v,!1,n!=null),n!=null?tl(null,!0,!0):tl(r,!0,!1))}function as(n,r,o,c,d,b,v,x,k){if(Wt==null&&Kl(!1),Qt(n),n!=null)o=n.clientX-Wt.left,c=n.clientY-Wt.top;else{if(o<0||c<0){he=-10,_e=-10;return}let[L,P]=Ae.scales,z=r.cursor.sync,[B,ie]=z.values,[ne,Q]=z.scales,[$,I]=Ae.match,ge=r.axes[0].side%2==1,Se=T.ori==0?q:D,Ne=T.ori==1?q:D,ue=ge?b:d,ke=ge?d:b,tt=ge?c:o,Be=ge?o:c;if(ne!=null?o=$(L,ne)?f(B,S[L],Se,0):-10:o=Se*(tt/ue),Q!=null?c=I(P,Q)?f(ie,S[P],Ne,0):-10:c=Ne*(Be/ke),T.ori==1){let ft=o;o=c,c=ft}}k&&(r==null||r.cursor.event.type==hs)&&((o<=1||o>=q-1)&&(o=nl(o,q)),(c<=1||c>=D-1)&&(c=nl(c,D))),x?(wi=o,vi=c,[Al,Tl]=V.move(l,o,c)):(he=o,_e=c)}let cs={width:0,height:0,left:0,top:0};function us(){_n(cs,!1)}let Ai,Ti,Ei,Mi;function Li(n,r,o,c,d,b,v){Ut=!0,ze=Oe=Ue._x=Ue._y=!1,as(n,r,o,c,d,b,v,!0,!1),n!=null&&(Ge(ms,_s,Pi,!1),Jl(Ui,l,Al,Tl,q,D,null));let{left:x,top:k,width:L,height:P}=me;Ai=x,Ti=k,Ei=L,Mi=P}function Pi(n,r,o,c,d,b,v){Ut=Ue._x=Ue._y=!1,as(n,r,o,c,d,b,v,!1,!0);let{left:x,top:k,width:L,height:P}=me,z=L>0||P>0,B=Ai!=x||Ti!=k||Ei!=L||Mi!=P;if(z&&B&&_n(me),Ue.setScale&&z&&B){let ie=x,ne=L,Q=k,$=P;if(T.ori==1&&(ie=k,ne=P,Q=x,$=L),ze&&Ht(O,Et(ie,O),Et(ie+ne,O)),Oe)for(let I in S){let ge=S[I];I!=O&&ge.from==null&&ge.min!=fe&&Ht(I,Et(Q+$,I),Et(Q,I))}us()}else V.lock&&(V._lock=!V._lock,tl(r,!0,n!=null));n!=null&&(pl(ms,_s),Jl(ms,l,he,_e,q,D,null))}function oa(n,r,o,c,d,b,v){if(V._lock)return;Qt(n);let x=Ut;if(Ut){let k=!0,L=!0,P=10,z,B;T.ori==0?(z=ze,B=Oe):(z=Oe,B=ze),z&&B&&(k=he<=P||he>=q-P,L=_e<=P||_e>=D-P),z&&k&&(he=he<Al?0:q),B&&L&&(_e=_e<Tl?0:D),tl(null,!0,!0),Ut=!1}he=-10,_e=-10,ce.fill(null),tl(null,!0,!0),x&&(Ut=x)}function Ci(n,r,o,c,d,b,v){V._lock||(Qt(n),Yn(),us(),n!=null&&Jl(Wi,l,he,_e,q,D,null))}function Di(){R.forEach(su),Bn(l.width,l.height,!0)}rl(Tn,Dl,Di);let Ll={};Ll.mousedown=Li,Ll.mousemove=ki,Ll.mouseup=Pi,Ll.dblclick=Ci,Ll.setSeries=(n,r,o,c)=>{let d=Ae.match[2];o=d(l,r,o),o!=-1&&Tt(o,c,!0,!1)},We&&(Ge(Ui,A,Li),Ge(hs,A,ki),Ge(Hi,A,n=>{Qt(n),Kl(!1)}),Ge($i,A,oa),Ge(Wi,A,Ci),Ms.add(l),l.syncRect=Kl);let xn=l.hooks=e.hooks||{};function Fe(n,r,o){ns?Yl.push([n,r,o]):n in xn&&xn[n].forEach(c=>{c.call(null,l,r,o)})}(e.plugins||[]).forEach(n=>{for(let r in n.hooks)xn[r]=(xn[r]||[]).concat(n.hooks[r])});let Ri=(n,r,o)=>o,Ae=Te({key:null,setSeries:!1,filters:{pub:er,sub:er},scales:[O,_[1]?_[1].scale:null],match:[tr,tr,Ri],values:[null,null]},V.sync);Ae.match.length==2&&Ae.match.push(Ri),V.sync=Ae;let zi=Ae.key,fs=Zr(zi);function Jl(n,r,o,c,d,b,v){Ae.filters.pub(n,r,o,c,d,b,v)&&fs.pub(n,r,o,c,d,b,v)}fs.sub(l);function aa(n,r,o,c,d,b,v){Ae.filters.sub(n,r,o,c,d,b,v)&&Ll[n](null,r,o,c,d,b,v)}l.pub=aa;function ca(){fs.unsub(l),Ms.delete(l),jt.clear(),Ss(Tn,Dl,Di),h.remove(),oe?.remove(),Fe("destroy")}l.destroy=ca;function ds(){Fe("init",e,t),ui(t||e.data,!1),H[O]?ss(O,H[O]):Yn(),hn=me.show&&(me.width>0||me.height>0),Zt=ct=!0,Bn(e.width,e.height)}return _.forEach(ai),R.forEach(Ho),s?s instanceof HTMLElement?(s.appendChild(h),ds()):s(l,ds):ds(),l}Ve.assign=Te;Ve.fmtNum=Os;Ve.rangeNum=En;Ve.rangeLog=Pn;Ve.rangeAsinh=Rs;Ve.orient=al;Ve.pxRatio=re;Ve.join=Ka;Ve.fmtDate=Ns,Ve.tzDate=rc;Ve.sync=Zr;{Ve.addGap=$c,Ve.clipGaps=Rn;let e=Ve.paths={points:no};e.linear=io,e.stepped=Bc,e.bars=Yc,e.spline=qc}var Ee=e=>typeof e=="number"&&Number.isFinite(e)?e:0,sn=e=>typeof e=="number"&&Number.isFinite(e),ye=e=>e==null?"":String(e),$e=e=>e!==null&&typeof e=="object"&&!Array.isArray(e),Ct=e=>Array.isArray(e)?e.filter($e):[];function rn(e){return Array.isArray(e)?e.filter(t=>Array.isArray(t)&&t.length>=2).map(([t,s])=>[ye(t),Ee(s)]):[]}var Gs=[["",1],["k",1e3],["M",1e6],["B",1e9]];function Qe(e){let t=Math.round(Ee(e));for(let s=0;s<Gs.length;s++){let[l,i]=Gs[s],u=t/i,a=s===0?String(t):Math.abs(u)<10?u.toFixed(1).replace(/\.0$/,""):String(Math.round(u));if(Math.abs(parseFloat(a))<1e3||s===Gs.length-1)return a+l}return String(t)}function Nn(e){let t=Math.round(Ee(e));return t<60?`${t}s`:t<3600?`${Math.floor(t/60)}m ${t%60}s`:`${Math.floor(t/3600)}h ${Math.floor(t%3600/60)}m`}var Ys=e=>`${Math.round(Ee(e)*100)}%`,js=e=>String(Math.round(Ee(e)*100)/100),Nt=e=>Math.round(Ee(e)).toLocaleString();function co(e){if(!sn(e))return"—";let t=Math.round(e*100);return t===0?"0%":`${t>0?"+":"−"}${Math.abs(t)}%`}var on=e=>{let t=new Date(Ee(e));return Number.isNaN(t.getTime())?null:t};function an(e){let t=on(e);return t?t.toLocaleTimeString([],{hour:"2-digit",minute:"2-digit",second:"2-digit"}):""}var cl=e=>e.charAt(0).toUpperCase()+e.slice(1),Bs=null;function uo(e){if(!/^[A-Z]{2}$/.test(e))return e;try{return Bs??(Bs=new Intl.DisplayNames([],{type:"region"})),Bs.of(e)||e}catch{return e}}function fo(e){try{let t=new URL(e);return t.protocol==="http:"||t.protocol==="https:"?t.href:null}catch{return null}}var Vn=(e=Date.now())=>new Date(e).toISOString().slice(0,10);var iu=["realtime","today","7d","30d"],mo=[["realtime","Realtime"],["today","Today"],["yesterday","Yesterday"],["7d","7 days"],["30d","30 days"],["custom","Custom"]],ru={realtime:"Realtime",today:"Today",yesterday:"Yesterday","7d":"Last 7 days","30d":"Last 30 days"},go=864e5,ou=7,Un=["page","source"],au=/;(?=[a-z_]+==)/,bo=e=>e!==""&&!/;[a-z_]+==/.test(e);function cu(e){let t={};for(let s of ye(e).split(au)){let l=s.indexOf("=="),i=s.slice(0,l),u=s.slice(l+2);l>0&&Un.includes(i)&&u&&!(i in t)&&(t[i]=u)}return t}var un=e=>Un.filter(t=>e[t]).map(t=>`${t}==${e[t]}`).join(";");function Ul(e){let t=e.getAttribute("from")||"",s=e.getAttribute("to")||"";return{period:e.getAttribute("period")||(t||s?"custom":"today"),from:t,to:s,filters:cu(e.getAttribute("filters")),compare:e.hasAttribute("compare")}}function wo(e=Date.now()){return{from:Vn(e-(ou-1)*go),to:Vn(e)}}var qs=(e=Date.now())=>Vn(e+go),Ks=e=>iu.includes(e.period)?e.period:"",Js=e=>Object.keys(e.filters).length>0,vo=e=>"page"in e.filters,fn=e=>!Ks(e)||Js(e),Zs=e=>fn(e)||e.compare;function Qs(e){let t=ye(e.period);if(t==="custom"){let[s,l]=[ye(e.from),ye(e.to)];return s===l?s:`${s} – ${l}`}return ru[t]||(t?cl(t):"Totals")}var Hn=(e,t)=>`${cl(e)}: ${e==="source"?cl(t):t}`;function $n(e,t,s){let l=new URL(t,e);for(let[i,u]of Object.entries(s))u&&l.searchParams.set(i,u);return l.href}function Xs(e){return{...e.period==="custom"?{from:e.from,to:e.to}:{period:e.period},filters:un(e.filters)}}var uu={page:"pageviews",type:"events",goal:"events",outbound:"events",download:"events"};function _o(e,t){let s=Xs(e),l=[];if(Zs(e)&&t.some(i=>i.kind==="headline")&&l.push({params:{...s,compare:e.compare?"previous":""}}),fn(e))for(let{dim:i,key:u}of t.filter(a=>a.dim)){let a=uu[i]||"visits";l.push({dim:i,key:u,params:{...s,breakdown:i,metrics:a,interval:"day"}})}return l}var po=e=>$e(e)?{...e,visit_duration_s:e.visit_duration}:{};function xo(e,t){let s={source:"stats"};return e.forEach(({dim:l,key:i},u)=>{let a=$e(t[u])?t[u]:{};if(!l){let g=$e(a.compare)?a.compare:null;Object.assign(s,{period:ye(a.period),from:ye(a.from),to:ye(a.to),interval:ye(a.interval),totals:po(a.totals),series:Ct(a.series),previous:g&&Ct(g.series),previousTotals:g&&po(g.totals),change:g&&($e(g.change)?g.change:{})});return}let f=$e(a.breakdown)?a.breakdown:{},p=ye(f.metric),h=Ct(f.results);s[i]=l==="goal"?h.map(g=>({name:g.value,count:g[p],visitors:g.visitors,props:g.props})):rn(h.map(g=>[g.value,Ee(g[p])]))}),s}var yo=e=>({...e,source:"stream",interval:"minute",previous:null,change:null});async function ei(e){let t="";try{let l=await e.json();t=$e(l)?ye(l.error):""}catch{}let s={401:"a token is required",403:"the token was refused",404:"not found"}[e.status];return`${t||s||"request refused"} (HTTP ${e.status})`}var cn=class extends Error{};async function fu(e,t){let s;try{s=await fetch(e,{cache:"no-store",credentials:"omit",signal:t})}catch(l){throw l.name==="AbortError"?l:new cn("the server did not answer")}if(!s.ok)throw new cn(await ei(s));return s.json()}var ho=2e3,In=class{constructor(t){this.handlers=t,this.urls=[],this.generation=0,this.controller=null,this.busy=!1,this.pending=!1,this.timer=0,this.lastStart=0,this.gap=ho}set(t){this.stop(),this.urls=t,t.length&&this.run()}stop(){this.generation++,this.controller?.abort(),clearTimeout(this.timer),Object.assign(this,{urls:[],controller:null,busy:!1,pending:!1,timer:0})}refresh(){if(!this.urls.length)return;if(this.busy||this.timer){this.pending=!0;return}let t=this.lastStart+this.gap-performance.now();t<=0?this.run():this.timer=setTimeout(()=>{this.timer=0,this.run()},t)}async run(){let t=this.generation,s=new AbortController;Object.assign(this,{controller:s,busy:!0,pending:!1});let l=this.lastStart=performance.now();try{let i=await Promise.all(this.urls.map(u=>fu(u,s.signal)));t===this.generation&&this.handlers.result(i)}catch(i){let u=i instanceof cn?i.message:String(i);t===this.generation&&this.handlers.error(u)}t===this.generation&&(this.busy=!1,this.gap=Math.max(ho,4*(performance.now()-l)),this.pending&&this.refresh())}};var Ao=10,du=20;function So(e,t){let s=Ct(e.series),l=Ee(e.ts),i=s.length-1;if(i<0)return 0;let u=s[i],a=(l-Ee(u.t))/6e4;if(a<0||a>=1)return Ee(u[t]);let f=i>0?Ee(s[i-1][t]):0;return Ee(u[t])+f*(1-a)}function M(e,t={},...s){let l=document.createElement(e);for(let[i,u]of Object.entries(t))u==null||u===!1||l.setAttribute(i,u===!0?"":String(u));return l.append(...s.flat().filter(i=>i!=null&&i!==!1)),l}function Yt(e,t){e.textContent!==t&&(e.textContent=t)}function Hl(e,t){e.getAttribute("title")!==t&&e.setAttribute("title",t)}function pu(e,t=e){let s=fo(e);return s?M("a",{class:"text",href:s,target:"_blank",rel:"noopener noreferrer",title:e},t):M("span",{class:"text",title:e},t)}function li(e,t,{liveIndex:s=-1,compare:l=!1}={}){let i=t.map((a,f)=>{let p=M("dd",{class:"value"},"—"),h=l&&a.metric?M("dd",{class:"change"},"—"):null,g=M("div",{class:"stat"},M("dt",{},a.label),p,h);return f===s&&(g.setAttribute("aria-live","polite"),g.setAttribute("aria-atomic","true")),{stat:a,value:p,change:h,group:g}});e.append(M("dl",{class:"stats"},i.map(({group:a})=>a)));let u=(a,f)=>f===void 0?"":a.title?a.title(f):Nt(f);return{update(a){for(let{stat:f,value:p,change:h}of i){let g=f.value(a.totals,a);if(Yt(p,g===void 0?"—":f.format(g)),Hl(p,u(f,g)),!h)continue;let m=$e(a.change)?a.change[f.metric]:void 0,w=f.value(a.previousTotals,a);Yt(h,co(m)),Hl(h,w===void 0?"":`Previous period: ${u(f,w)}`);let y=sn(m)&&Math.round(m*100)!==0?m>0?"up":"down":"";h.dataset.trend=y,h.dataset.good=y?String(y==="up"!=!!f.lowerIsBetter):""}}}}var ul=e=>t=>{let s=$e(t)?t[e]:void 0;return sn(s)?s:void 0};function hu(e){return li(e,[{label:"Current visitors",value:(t,s)=>Ee(s.current_visitors),format:Qe},{label:"Events / min",value:(t,s)=>So(s,"events"),format:Qe},{label:"Pageviews / min",value:(t,s)=>So(s,"pageviews"),format:Qe}],{liveIndex:0})}var mu=[{label:"Unique visitors",metric:"visitors",value:ul("visitors"),format:Qe},{label:"Visits",metric:"visits",visit:!0,value:ul("visits"),format:Qe},{label:"Pageviews",metric:"pageviews",value:ul("pageviews"),format:Qe},{label:"Events",metric:"events",value:ul("events"),format:Qe},{label:"Bounce rate",metric:"bounce_rate",visit:!0,lowerIsBetter:!0,value:ul("bounce_rate"),format:Ys,title:Ys},{label:"Visit duration",metric:"visit_duration",visit:!0,value:ul("visit_duration_s"),format:Nn,title:Nn},{label:"Pages / visit",metric:"pages_per_visit",visit:!0,value:ul("pages_per_visit"),format:js,title:js}];function gu(e,t){let s=mu.filter(i=>!(i.visit&&t.eventLevel)),l=li(e,s,{compare:t.compare});return{update(i){Yt(t.heading,Qs(i)),l.update(i)}}}function bu(e){let t=i=>(u,a)=>{let f=$e(a.engagement)?a.engagement:{};return sn(f[i])?f[i]:void 0},s=i=>Nn(i/1e3),l=i=>`${Math.round(i)}%`;return li(e,[{label:"Time on page",value:t("avg_time_ms"),format:s,title:s},{label:"Scroll depth",value:t("avg_scroll"),format:l,title:l}])}function To(){return M("p",{class:"empty"},"No data yet")}function ni(e,t){let s=M("tbody");return{el:M("table",{"aria-labelledby":e},M("thead",{},M("tr",{},t.map(i=>M("th",{scope:"col"},i)))),s),body:s}}function wu(e,t,s){let{el:l,body:i}=ni(s.headingId,t.cols),u=To();e.append(l,u);let a=t.label||(h=>h),f=s.onFilter&&t.filter;function p(h,g){if(f&&bo(h)){let m=`Filter by ${Hn(f,h)}`,w=M("button",{type:"button",class:"text filter",title:m},g);return w.addEventListener("click",()=>s.onFilter(f,h)),w}return t.link?pu(h,g.replace(/^https?:\/\//,"")):M("span",{class:"text",title:h},g)}return{update(h){let g=rn(h[t.key]).slice(0,Ao),m=Math.max(1,...g.map(([,w])=>w));for(l.hidden=g.length===0,u.hidden=g.length>0;i.rows.length>g.length;)i.lastElementChild.remove();g.forEach(([w,y],A)=>{let E=i.rows[A];E||(E=M("tr",{},M("td",{class:"label"},M("span",{class:"bar","aria-hidden":"true"})),M("td",{class:"count"})),i.append(E));let[C,F]=E.cells;E.dataset.key!==w&&(E.dataset.key=w,C.querySelector(".text")?.remove(),C.append(p(w,a(w)||"(none)"))),C.firstElementChild.style.width=`${(y/m*100).toFixed(1)}%`,Yt(F,Qe(y)),Hl(F,Nt(y))})}}}function vu(e,t){let{el:s,body:l}=ni(t,["Goal","Visitors","Count"]),i=To();e.append(s,i);let u="";return{update(a){let f=Ct(a.goals).slice(0,Ao);s.hidden=f.length===0,i.hidden=f.length>0;let p=JSON.stringify(f);if(p===u)return;u=p;let h=[];for(let g of f){h.push(M("tr",{class:"goal"},M("td",{class:"label"},M("span",{class:"text",title:ye(g.name)},ye(g.name))),M("td",{class:"count",title:Nt(g.visitors)},Qe(g.visitors)),M("td",{class:"count",title:Nt(g.count)},Qe(g.count))));let m=$e(g.props)?Object.entries(g.props):[];for(let[w,y]of m.slice(0,5))for(let[A,E]of rn(y).slice(0,3)){let C=`${w}: ${A}`;h.push(M("tr",{class:"prop"},M("td",{class:"label"},M("span",{class:"text",title:C},C)),M("td",{class:"count",title:Nt(E)},Qe(E)),M("td")))}}l.replaceChildren(...h)}}}function _u(e,t){let{el:s,body:l}=ni(t,["Time","Event","Page","Details"]);s.classList.add("feed");let i=M("p",{class:"empty"},"Waiting for events…");e.append(s,i);let u=new Map,a=!0;return{update(f){let p=Ct(f.latest).slice(0,du);s.hidden=p.length===0,i.hidden=p.length>0;let h=new Map,g=p.map((m,w)=>{let y=ye(m.type),A=ye(m.path),E=ye(m.name)||ye(m.target)||ye(m.title),C=ye(m.id)||`${w}:${Ee(m.ts)}:${y}:${A}`,F=JSON.stringify([Ee(m.ts),y,A,E,ye(m.title)]),_=u.get(C);return(!_||_.dataset.signature!==F)&&(_=M("tr",{class:a?"":"fresh"},M("td",{class:"time"},M("time",{datetime:on(m.ts)?.toISOString()},an(m.ts))),M("td",{},M("span",{class:"badge","data-type":y,title:y},y||"event")),M("td",{},M("span",{class:"text",title:ye(m.title)||A},A)),M("td",{class:"detail"},M("span",{class:"text",title:E},E))),_.dataset.signature=F),h.set(C,_),_});u=h,a=!1,l.replaceChildren(...g)}}}var xu=(e,t)=>t==null?"":Qe(t),yu=[1,2,5,10,20,25,50,100,200,250,500,1e3,2e3,2500,5e3,1e4,2e4,5e4,1e5,2e5,5e5,1e6],ti={minute:{hour:"2-digit",minute:"2-digit"},hour:{month:"short",day:"numeric",hour:"2-digit",minute:"2-digit",timeZone:"UTC"},day:{weekday:"short",month:"short",day:"numeric",timeZone:"UTC"}},ko=86400,Su={incrs:[1,2,7,14,28,91,182,364].map(e=>e*ko),values:(e,t)=>{let l={month:"short",day:"numeric",timeZone:"UTC",...e.scales.x.max-e.scales.x.min>180*ko?{year:"2-digit"}:{}};return t.map(i=>on(i*1e3)?.toLocaleDateString([],l)||"")}};function ku(e,t){let s=M("div",{class:"chart",role:"img","aria-label":"Chart, waiting for data"});e.append(s);let l=t.full?240:180,i=null,u=null,a={interval:"minute",compared:!1};function f(){let g=getComputedStyle(t.host),m=(w,y)=>g.getPropertyValue(w).trim()||y;return{events:m("--ad-accent","#4f46e5"),fill:m("--ad-chart-fill","rgba(79,70,229,.14)"),pageviews:m("--ad-accent-2","#0d9488"),axis:m("--ad-muted","#6b7280"),grid:m("--ad-border","#e5e7eb")}}function p(){i?.destroy(),i=null;let g=Math.floor(s.clientWidth);if(!g||!u)return;let m=f(),y={stroke:m.axis,font:"11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",ticks:{show:!1}},{interval:A,compared:E}=a,C=(R,S,W)=>({label:R,stroke:S,width:2,points:{show:!1},value:xu,...W}),F={width:1.5,dash:[5,4]},_=ti[A]||ti.minute;i=new Ve({width:g,height:l,padding:[12,A==="minute"?8:20,0,0],cursor:{drag:{x:!1,y:!1},points:{size:7}},legend:{live:!0},hooks:{setLegend:[R=>s.classList.toggle("idle",R.legend.idx==null)]},..._.timeZone?{tzDate:R=>Ve.tzDate(new Date(R*1e3),"Etc/UTC")}:{},scales:{y:{range:(R,S,W)=>[0,Math.max(4,W)]}},axes:[{...y,grid:{show:!1},space:60,...A==="day"?Su:{}},{...y,size:42,incrs:yu,grid:{stroke:m.grid,width:1},values:(R,S)=>S.map(Qe)}],series:[{label:"Time",value:(R,S)=>S==null?"":on(S*1e3)?.toLocaleString([],_)||""},C("Events",m.events,{fill:m.fill}),C("Pageviews",m.pageviews),...E?[C("Events, previous period",m.events,F),C("Pageviews, previous period",m.pageviews,F)]:[]]},u,s)}let h=new ResizeObserver(()=>{let g=Math.floor(s.clientWidth);i?g&&g!==i.width&&i.setSize({width:g,height:l}):p()});return h.observe(s),{update(g){let m=Ct(g.series),w=Array.isArray(g.previous)?Ct(g.previous):null,y=Object.hasOwn(ti,g.interval)?g.interval:"minute",A=(_,R)=>m.map((S,W)=>W<_.length?Ee(_[W][R]):null);u=[m.map(_=>Ee(_.t)/1e3),A(m,"events"),A(m,"pageviews"),...w?[A(w,"events"),A(w,"pageviews")]:[]];let E=_=>_.reduce((R,S)=>R+(S||0),0),C=Math.max(0,...u[1]);Yt(t.heading,g.source==="stats"?`${Qs(g)}, per ${y}`:"Last 60 minutes"),s.setAttribute("aria-label",`Events per ${y} over ${m.length} ${y}s: ${Nt(E(u[1]))} in total, at most ${Nt(C)} in one ${y}`+(w?`; ${Nt(E(u[3]))} in the previous period`:""));let F={interval:y,compared:!!w};if(i&&F.interval===a.interval&&F.compared===a.compared){i.setData(u);return}a=F,p()},retheme:p,destroy(){h.disconnect(),i?.destroy()}}}var $l={live:{title:"Right now",kind:"stream",wide:!0,make:e=>hu(e)},totals:{title:"Totals",kind:"headline",wide:!0,make:gu},chart:{title:"Last 60 minutes",kind:"headline",wide:!0,make:ku},pages:{title:"Top pages",key:"top_pages",dim:"page",filter:"page",cols:["Page","Views"]},entry:{title:"Entry pages",key:"entry_pages",dim:"entry",visit:!0,cols:["Page","Entrances"]},exit:{title:"Exit pages",key:"exit_pages",dim:"exit",visit:!0,cols:["Page","Exits"]},referrers:{title:"Referrers",key:"referrers",dim:"referrer",visit:!0,cols:["Referrer","Visits"]},sources:{title:"Sources",key:"sources",dim:"source",filter:"source",visit:!0,cols:["Source","Visits"],label:cl},utm_sources:{title:"UTM sources",key:"utm_sources",dim:"utm_source",visit:!0,cols:["Source","Visits"]},utm_mediums:{title:"UTM mediums",key:"utm_mediums",dim:"utm_medium",visit:!0,cols:["Medium","Visits"]},utm_campaigns:{title:"UTM campaigns",key:"utm_campaigns",dim:"utm_campaign",visit:!0,cols:["Campaign","Visits"]},goals:{title:"Goals",key:"goals",dim:"goal",make:(e,t)=>vu(e,t.headingId)},types:{title:"Event types",key:"event_types",dim:"type",cols:["Type","Events"]},browsers:{title:"Browsers",key:"browsers",dim:"browser",visit:!0,cols:["Browser","Visits"]},os:{title:"Operating systems",key:"os",dim:"os",visit:!0,cols:["OS","Visits"]},devices:{title:"Devices",key:"devices",dim:"device",visit:!0,cols:["Device","Visits"],label:cl},countries:{title:"Countries",key:"countries",dim:"country",visit:!0,cols:["Country","Visits"],label:uo},outbound:{title:"Outbound links",key:"outbound",dim:"outbound",cols:["Link","Clicks"],link:!0},downloads:{title:"Downloads",key:"downloads",dim:"download",cols:["File","Clicks"],link:!0},engagement:{title:"Engagement",snapshotOnly:!0,make:e=>bu(e)},latest:{title:"Latest events",kind:"stream",wide:!0,make:(e,t)=>_u(e,t.headingId)}},Eo=e=>e.kind||"breakdown",Mo=(e,t,s)=>e.make?e.make(t,s):wu(t,e,s),Au={utm:["utm_sources","utm_mediums","utm_campaigns"]},Tu=["live","chart","pages","referrers","types","latest"],Eu=Object.keys($l);function Lo(e,t){if(e==null||!e.trim())return t?Eu:Tu;let s=e.toLowerCase().split(/[\s,]+/).flatMap(l=>Au[l]||[l]).filter(l=>Object.hasOwn($l,l));return[...new Set(s)]}var Po=`/* Styles of <activity-dashboard>, adopted into its shadow root by widget.js.
   Colours are custom properties so an embedding page can override them:
   activity-dashboard { --ad-accent: #e11d48; } */
:host {
  --ad-bg: #f5f6f8;
  --ad-panel: #ffffff;
  --ad-text: #1f2430;
  --ad-muted: #6b7280;
  --ad-border: #e6e8ec;
  --ad-accent: #4f46e5;
  --ad-accent-2: #0d9488;
  --ad-on-accent: #ffffff;
  --ad-bar: rgba(79, 70, 229, 0.11);
  --ad-chart-fill: rgba(79, 70, 229, 0.12);
  --ad-live: #10b981;
  --ad-warn: #f59e0b;
  --ad-error: #dc2626;
  --ad-good: #047857;
  --ad-radius: 10px;
  display: block;
  container-type: inline-size;
  color: var(--ad-text);
  font:
    14px/1.45 system-ui,
    -apple-system,
    'Segoe UI',
    Roboto,
    'Helvetica Neue',
    Arial,
    sans-serif;
  -webkit-text-size-adjust: 100%;
}
@media (prefers-color-scheme: dark) {
  :host {
    --ad-bg: #0f1117;
    --ad-panel: #181b23;
    --ad-text: #e6e7eb;
    --ad-muted: #9aa1ad;
    --ad-border: #2a2e39;
    --ad-accent: #818cf8;
    --ad-accent-2: #2dd4bf;
    --ad-on-accent: #11132a;
    --ad-bar: rgba(129, 140, 248, 0.17);
    --ad-chart-fill: rgba(129, 140, 248, 0.16);
    --ad-error: #f87171;
    --ad-good: #34d399;
  }
}
:host([hidden]) {
  display: none;
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
.root {
  background: var(--ad-bg);
  border-radius: var(--ad-radius);
  padding: 16px;
  min-width: 0;
}
:host([mode='full']) .root {
  border-radius: 0;
  padding: 24px 16px 40px;
  min-height: inherit;
}
:host([mode='full']) .inner {
  max-width: 1180px;
  margin: 0 auto;
}
.head {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 16px;
  margin-bottom: 16px;
}
.site {
  margin: 0;
  font-size: 17px;
  font-weight: 650;
  letter-spacing: -0.01em;
  overflow-wrap: anywhere;
}
:host([mode='full']) .site {
  font-size: 22px;
}
.status {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  color: var(--ad-muted);
  font-size: 12.5px;
}
.dot {
  width: 8px;
  height: 8px;
  border-radius: 50%;
  background: var(--ad-muted);
  flex: none;
}
.status[data-state='live'] .dot {
  background: var(--ad-live);
  box-shadow: 0 0 0 0 var(--ad-live);
  animation: pulse 2s infinite;
}
.status[data-state='reconnecting'] .dot {
  background: var(--ad-warn);
}
.status[data-state='error'] .dot {
  background: var(--ad-error);
}
@keyframes pulse {
  0% {
    box-shadow: 0 0 0 0 rgba(16, 185, 129, 0.5);
  }
  70% {
    box-shadow: 0 0 0 6px rgba(16, 185, 129, 0);
  }
  100% {
    box-shadow: 0 0 0 0 rgba(16, 185, 129, 0);
  }
}
.periods {
  margin-left: auto;
  display: inline-flex;
  flex-wrap: wrap;
  max-width: 100%;
  background: var(--ad-panel);
  border: 1px solid var(--ad-border);
  border-radius: 8px;
  padding: 2px;
}
.periods button {
  font: inherit;
  font-size: 13px;
  color: var(--ad-muted);
  background: none;
  border: 0;
  border-radius: 6px;
  padding: 4px 10px;
  cursor: pointer;
}
.periods button:hover {
  color: var(--ad-text);
}
.periods button[aria-pressed='true'] {
  background: var(--ad-accent);
  color: var(--ad-on-accent);
}
button:focus-visible,
input:focus-visible,
a:focus-visible {
  outline: 2px solid var(--ad-accent);
  outline-offset: 2px;
}
.toolbar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 16px;
  margin: -4px 0 16px;
  font-size: 13px;
  color: var(--ad-muted);
}
.range {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px 10px;
  margin: 0;
}
.range[hidden] {
  display: none;
}
.range label {
  display: inline-flex;
  align-items: center;
  gap: 6px;
}
.range input,
.range button {
  font: inherit;
  color: var(--ad-text);
  background: var(--ad-panel);
  border: 1px solid var(--ad-border);
  border-radius: 6px;
  padding: 3px 8px;
  color-scheme: light dark;
}
.range button {
  cursor: pointer;
}
.range button:hover {
  border-color: var(--ad-accent);
}
.range .hint {
  font-size: 12px;
}
.compare {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  cursor: pointer;
}
.compare input {
  margin: 0;
  accent-color: var(--ad-accent);
}
.csv {
  margin-left: auto;
  color: var(--ad-accent);
  text-decoration: none;
}
.csv:hover {
  text-decoration: underline;
}
.chips {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  margin: 0 0 16px;
  padding: 0;
  list-style: none;
}
.chips[hidden] {
  display: none;
}
.chip {
  display: inline-flex;
  align-items: center;
  gap: 2px;
  max-width: 100%;
  padding: 2px 4px 2px 12px;
  border-radius: 999px;
  background: var(--ad-accent);
  color: var(--ad-on-accent);
  font-size: 13px;
}
.chip .text {
  min-width: 0;
}
.chip .remove {
  flex: none;
  font: inherit;
  font-size: 16px;
  line-height: 1;
  color: inherit;
  background: none;
  border: 0;
  border-radius: 50%;
  width: 22px;
  height: 22px;
  cursor: pointer;
}
.chip .remove:hover {
  background: rgba(255, 255, 255, 0.2);
}
.chip .remove:focus-visible {
  outline-color: var(--ad-on-accent);
  outline-offset: -2px;
}
.alert {
  margin: 0 0 16px;
  padding: 10px 12px;
  border-radius: 8px;
  border: 1px solid var(--ad-error);
  color: var(--ad-error);
  background: var(--ad-panel);
}
.grid {
  display: grid;
  gap: 16px;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr));
}
.panel {
  min-width: 0;
  background: var(--ad-panel);
  border: 1px solid var(--ad-border);
  border-radius: var(--ad-radius);
  padding: 14px 16px;
}
.panel.wide {
  grid-column: 1 / -1;
}
.panel h2,
.panel h3 {
  margin: 0 0 10px;
  font-size: 14px;
  font-weight: 600;
}
.stats {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(105px, 1fr));
  gap: 12px 16px;
  margin: 0;
}
.stat {
  min-width: 0;
}
.stat dt {
  color: var(--ad-muted);
  font-size: 11.5px;
  font-weight: 600;
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
.stat dd {
  margin: 2px 0 0;
  font-size: 26px;
  font-weight: 700;
  letter-spacing: -0.02em;
  font-variant-numeric: tabular-nums;
}
.panel-live .stat:first-child dd {
  color: var(--ad-accent);
}
.stat dd.change {
  margin: 0;
  font-size: 12.5px;
  font-weight: 600;
  letter-spacing: 0;
  color: var(--ad-muted);
}
.stat dd.change[data-good='true'] {
  color: var(--ad-good);
}
.stat dd.change[data-good='false'] {
  color: var(--ad-error);
}
.panel h2 .note,
.panel h3 .note {
  color: var(--ad-muted);
  font-weight: 400;
}
table {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
}
th {
  text-align: left;
  color: var(--ad-muted);
  font-size: 11.5px;
  font-weight: 600;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  padding: 0 0 6px;
}
th:not(:first-child) {
  text-align: right;
  width: 6.5em;
}
td {
  padding: 2px 0;
  vertical-align: middle;
}
td.count {
  text-align: right;
  font-variant-numeric: tabular-nums;
  padding-left: 8px;
}
td.label {
  position: relative;
  padding: 5px 8px;
}
.bar {
  position: absolute;
  inset: 2px auto 2px 0;
  background: var(--ad-bar);
  border-radius: 5px;
  transition: width 0.4s ease;
}
.text {
  position: relative;
  display: block;
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
}
a.text {
  color: inherit;
  text-decoration: none;
}
button.text {
  width: 100%;
  padding: 0;
  border: 0;
  background: none;
  font: inherit;
  color: inherit;
  text-align: left;
  cursor: pointer;
}
a.text:hover,
button.text:hover {
  color: var(--ad-accent);
  text-decoration: underline;
}
tr.prop td {
  color: var(--ad-muted);
  font-size: 12.5px;
  padding-top: 0;
}
tr.prop td.label {
  padding: 1px 8px 1px 20px;
}
.empty {
  margin: 8px 0 4px;
  color: var(--ad-muted);
  font-size: 13px;
}
.feed th:nth-child(1) {
  width: 7.5em;
  text-align: left;
}
.feed th:nth-child(2) {
  width: 7.5em;
  text-align: left;
}
.feed th:nth-child(3),
.feed th:nth-child(4) {
  width: auto;
  text-align: left;
}
.feed td {
  padding: 6px 8px 6px 0;
  border-top: 1px solid var(--ad-border);
}
.feed .time {
  color: var(--ad-muted);
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
  font-size: 12.5px;
}
.feed .detail {
  color: var(--ad-muted);
}
.badge {
  display: inline-block;
  max-width: 100%;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  vertical-align: middle;
  padding: 1px 8px;
  border-radius: 999px;
  font-size: 12px;
  background: var(--ad-bg);
  border: 1px solid var(--ad-border);
}
.badge[data-type='pageview'] {
  color: var(--ad-accent);
  border-color: currentColor;
}
tr.fresh {
  animation: fresh 1.6s ease-out;
}
@keyframes fresh {
  from {
    background: var(--ad-bar);
  }
  to {
    background: transparent;
  }
}
@container (max-width: 520px) {
  .root,
  :host([mode='full']) .root {
    padding: 12px 10px 24px;
  }
  .grid {
    gap: 12px;
  }
  .panel {
    padding: 12px;
  }
  .feed th:nth-child(4),
  .feed td:nth-child(4) {
    display: none;
  }
  .periods {
    margin-left: 0;
  }
  .stat dd {
    font-size: 22px;
  }
}
.chart {
  overflow: hidden;
  min-height: 180px;
}
.chart .uplot {
  width: 100%;
  font-family: inherit;
}
.chart .u-legend {
  font-size: 12px;
  color: var(--ad-muted);
  margin-top: 4px;
}
.chart .u-legend .u-marker {
  border-radius: 3px;
}
.chart .u-legend th {
  font-weight: 500;
  text-transform: none;
  letter-spacing: 0;
  padding: 0;
}
.chart .u-inline.u-live th::after {
  content: none;
}
.chart.idle .u-legend .u-series:first-child {
  display: none;
}
.chart .u-legend .u-value {
  padding-left: 2px;
  font-variant-numeric: tabular-nums;
  color: var(--ad-text);
}
.sr-only {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}
@media (prefers-reduced-motion: reduce) {
  .status[data-state='live'] .dot,
  tr.fresh {
    animation: none;
  }
  .bar {
    transition: none;
  }
}
`;var Co="activity-dashboard",Lu=(()=>{try{return new URL(document.currentScript.src).origin+"/"}catch{return new URL("/",location.href).href}})(),Pu=1e3,Cu=3e4,Du=new Set([400,401,403,404]),si=class{constructor(t,s,l){this.base=t,this.params=s,this.handlers=l,this.lastEventId="",this.failures=0,this.source=null,this.timer=0,this.stopped=!1}url(t,s={}){return $n(this.base,t,{...this.params,...s})}start(){this.stopped=!1,this.open()}stop(){this.stopped=!0,clearTimeout(this.timer),this.source?.close(),this.source=null}open(){let t=new EventSource(this.url("api/stream",{last_event_id:this.lastEventId}));this.source=t,this.handlers.status(this.failures?"reconnecting":"connecting"),t.addEventListener("snapshot",s=>{s.lastEventId&&(this.lastEventId=s.lastEventId);let l;try{l=JSON.parse(s.data)}catch{return}$e(l)&&(this.failures=0,this.handlers.status("live"),this.handlers.snapshot(l))}),t.addEventListener("error",()=>{if(this.source===t){if(t.readyState!==EventSource.CLOSED){this.handlers.status("reconnecting");return}t.close(),this.source=null,this.recover()}})}async recover(){this.handlers.status("reconnecting");let s=Math.min(Cu,Pu*2**this.failures++)*(.8+Math.random()*.4);try{let l=await fetch(this.url("api/snapshot"),{cache:"no-store",credentials:"omit"});if(this.stopped)return;if(Du.has(l.status)){this.handlers.fatal(await ei(l));return}if(l.ok){let u=await l.json();$e(u)&&!this.stopped&&this.handlers.snapshot(u)}let i=Number(l.headers.get("Retry-After"));i>0&&(s=Math.max(s,i*1e3))}catch{}this.stopped||(this.timer=setTimeout(()=>this.open(),s))}},Wn=null;function Ru(e){let t=Fi+Po;return"adoptedStyleSheets"in e&&typeof CSSStyleSheet.prototype.replaceSync=="function"?(Wn||(Wn=new CSSStyleSheet,Wn.replaceSync(t)),e.adoptedStyleSheets=[Wn],null):M("style",{},t)}var zu={connecting:"Connecting…",live:"Live",reconnecting:"Reconnecting…",error:"Error"},Do=new Set(["site","api","token","panels","mode"]),Ro=["period","from","to","filters","compare"],ii=class extends HTMLElement{static get observedAttributes(){return[...Do,...Ro]}constructor(){super(),this.attachShadow({mode:"open"}),this._style=Ru(this.shadowRoot),this._ready=!1,this._stream=null,this._streamKey="",this._panels=[],this._shown=[],this._state=null,this._snapshot=null,this._stats=null,this._requests=[],this._feed=new In({result:t=>{this._stats=xo(this._requests,t),this._setAlert("view",""),this._render()},error:t=>this._setAlert("view",`Cannot show this view: ${t}.`)}),this._frame=0,this._queued=!1,this._relayout=!1,this._focusAfter="",this._statusState="connecting",this._alerts={stream:"",view:""},this._colorScheme=null,this._onColorScheme=()=>this._panels.forEach(({panel:t})=>t.retheme?.())}connectedCallback(){this.hasAttribute("from-location")&&this._readLocation(),this._ready=!0,this._build(),this._load(),this._colorScheme=matchMedia("(prefers-color-scheme: dark)"),this._colorScheme.addEventListener("change",this._onColorScheme)}disconnectedCallback(){this._ready=!1,this._stream?.stop(),this._stream=null,this._streamKey="",this._feed.stop(),cancelAnimationFrame(this._frame),this._frame=0,this._destroyPanels(),this._colorScheme?.removeEventListener("change",this._onColorScheme)}attributeChangedCallback(t,s,l){!this._ready||s===l||(t==="site"&&(this._snapshot=null),Do.has(t)&&(this._relayout=!0),!this._queued&&(this._queued=!0,queueMicrotask(()=>this._update())))}_update(){this._queued=!1,this._ready&&(this._relayout?this._build():this._buildGrid(),this._relayout=!1,this._load(),this.hasAttribute("from-location")&&this._writeLocation())}get _full(){return this.getAttribute("mode")==="full"}get _base(){let t=this.getAttribute("api");try{return t?new URL(t.endsWith("/")?t:`${t}/`,location.href).href:Lu}catch{return null}}get _auth(){return{site:this.getAttribute("site")||"",token:this.getAttribute("token")||""}}_readLocation(){let t=new URLSearchParams(location.search);for(let l of["site","token",...Ro]){let i=t.get(l);i&&!this.hasAttribute(l)&&this.setAttribute(l,i)}let s=this.getAttribute("site");s&&(document.title=`${s} · Activity dashboard`)}_writeLocation(){let t=Ul(this),s=t.period==="custom",l=new URL(location.href),i={period:this.getAttribute("period")||"",from:s?t.from:"",to:s?t.to:"",filters:un(t.filters),compare:t.compare?"previous":""};for(let[u,a]of Object.entries(i))a?l.searchParams.set(u,a):l.searchParams.delete(u);l.href!==location.href&&history.replaceState(history.state,"",l)}_destroyPanels(){this._panels.forEach(({panel:t})=>t.destroy?.()),this._panels=[]}_build(){let t=this._full,s=this.getAttribute("site")||"";this._status=M("span",{class:"status",role:"status"},M("span",{class:"dot","aria-hidden":"true"}),M("span",{class:"label"}));let l=M("header",{class:"head"},M(t?"h1":"h2",{class:"site"},s||"No site"),this._status);this._controls=t?this._makeControls():null,this._controls&&l.append(this._controls.periods),this._chips=M("ul",{class:"chips","aria-label":"Filters",hidden:!0}),this._alert=M("p",{class:"alert",role:"alert",hidden:!0}),this._grid=M("div",{class:"grid"});let i=M("div",{class:"root",part:"root"},M("div",{class:"inner"},l,this._controls?.toolbar,this._chips,this._alert,this._grid));this.shadowRoot.replaceChildren(...[this._style,i].filter(Boolean)),this._setStatus(this._statusState),this._showAlerts(),this._buildGrid()}_buildGrid(){this._destroyPanels();let t=this._state=Ul(this);this._stats=null;let s=this._full,l=s?"h2":"h3",i=vo(t),u=fn(t);this._shown=Lo(this.getAttribute("panels"),s).filter(f=>{let p=$l[f];return!(p.visit&&i)&&!(p.snapshotOnly&&u)});let a=this._shown.map(f=>{let p=$l[f],h=Eo(p),g=`ad-${f}-heading`,m=h==="stream"&&Js(t)?M("span",{class:"note"}," · all traffic"):null,w=M(l,{id:g},p.title,m),y=M("section",{class:`panel panel-${f}${p.wide?" wide":""}`,part:"panel","data-panel":f,"aria-labelledby":g},w),A={host:this,full:s,heading:w,headingId:g,eventLevel:i,compare:t.compare,onFilter:s?(E,C)=>this._addFilter(E,C):null};return this._panels.push({kind:h,panel:Mo(p,y,A)}),y});this._grid.replaceChildren(...a),this._syncControls(t),this._snapshot&&this._render()}_makeControls(){let t=M("div",{class:"periods",role:"group","aria-label":"Period"},mo.map(([p,h])=>{let g=M("button",{type:"button","data-period":p,"aria-pressed":"false"},h);return g.addEventListener("click",()=>this._choosePeriod(p)),g})),s=M("input",{type:"date",name:"from",required:!0}),l=M("input",{type:"date",name:"to",required:!0}),i=M("form",{class:"range","aria-label":"Custom range (UTC dates)",hidden:!0},M("label",{},M("span",{},"From"),s),M("label",{},M("span",{},"To"),l),M("span",{class:"hint","aria-hidden":"true"},"UTC"),M("button",{type:"submit"},"Apply"));s.addEventListener("input",()=>l.min=s.value),l.addEventListener("input",()=>s.max=l.value||qs()),i.addEventListener("submit",p=>{p.preventDefault(),this._setPeriod("custom",{from:s.value,to:l.value})});let u=M("input",{type:"checkbox"});u.addEventListener("change",()=>{u.checked?this.setAttribute("compare","previous"):this.removeAttribute("compare")});let a=M("a",{class:"csv",download:""},"Export CSV"),f=M("div",{class:"toolbar"},i,M("label",{class:"compare"},u,"Compare with previous period"),a);return{periods:t,range:i,from:s,to:l,compare:u,csv:a,toolbar:f}}_syncControls(t){this._renderChips(t);let s=this._controls;if(!s)return;for(let u of s.periods.children)u.setAttribute("aria-pressed",String(u.dataset.period===t.period));let l=t.period==="custom";if(s.range.hidden=!l,l){let{from:u,to:a}=s;u.value=t.from,a.value=t.to,a.min=t.from,a.max=qs(),u.max=t.to||a.max}s.compare.checked=t.compare;let i=this._base;i?s.csv.href=$n(i,"api/stats",{...this._auth,...Xs(t),format:"csv"}):s.csv.removeAttribute("href")}_renderChips(t){let s=Un.filter(a=>a in t.filters).map(a=>{let f=Hn(a,t.filters[a]),p=M("button",{type:"button",class:"remove","aria-label":`Remove filter ${f}`,title:"Remove filter"},"×");p.addEventListener("click",()=>this._removeFilter(a));let h=M("span",{class:"text",title:f},f);return M("li",{class:"chip","data-filter":a},h,p)});this._chips.replaceChildren(...s),this._chips.hidden=s.length===0;let l=this._focusAfter;if(this._focusAfter="",!l)return;((s.find(a=>a.dataset.filter===l)||s[0])?.querySelector("button")||this._controls?.periods.querySelector('[aria-pressed="true"]'))?.focus()}_choosePeriod(t){if(t!=="custom"){this._setPeriod(t);return}let s=Ul(this);this._setPeriod("custom",s.from&&s.to?s:wo())}_setPeriod(t,s){if(s)this.setAttribute("from",s.from),this.setAttribute("to",s.to);else if(this.getAttribute("period")===t)return;this.setAttribute("period",t);let l=s?{period:t,from:s.from,to:s.to}:{period:t};this.dispatchEvent(new CustomEvent("periodchange",{detail:l,bubbles:!0,composed:!0}))}_addFilter(t,s){let l={...Ul(this).filters,[t]:s},i=un(l);i!==this.getAttribute("filters")&&(this._focusAfter=t,this.setAttribute("filters",i))}_removeFilter(t){let s={...Ul(this).filters};delete s[t];let l=un(s);this._focusAfter="next",l?this.setAttribute("filters",l):this.removeAttribute("filters")}_load(){this._connect();let t=this._base,s=this._auth;this._requests=t&&s.site?_o(this._state,this._shown.map(l=>$l[l])):[],this._setAlert("view",""),this._feed.set(this._requests.map(l=>$n(t,"api/stats",{...s,...l.params})))}_connect(){let t=this._base,s={...this._auth,period:Ks(this._state)&&(this.getAttribute("period")||"")},l=JSON.stringify([t,s]);if(l!==this._streamKey){if(this._streamKey=l,this._stream?.stop(),this._stream=null,!s.site){this._setStatus("error"),this._setAlert("stream",'Set the site attribute, e.g. <activity-dashboard site="example.com">.');return}if(!t){this._setStatus("error"),this._setAlert("stream","The api attribute is not a valid URL.");return}this._stream=new si(t,s,{status:i=>this._setStatus(i),snapshot:i=>this._receive(i),fatal:i=>{this._setStatus("error"),this._setAlert("stream",`Cannot show this dashboard: ${i}.`)}}),this._stream.start()}}_setStatus(t){this._statusState=t,t!=="error"&&this._setAlert("stream",""),this._status.dataset.state=t,Yt(this._status.lastElementChild,zu[t]),this._snapshot&&Hl(this._status,`Updated ${an(this._snapshot.ts)}`)}_setAlert(t,s){this._alerts[t]=s,this._showAlerts()}_showAlerts(){let t=this._alerts.stream||this._alerts.view;Yt(this._alert,t),this._alert.hidden=!t}_receive(t){this._snapshot=t,this._feed.refresh(),this._frame||(this._frame=requestAnimationFrame(()=>{this._frame=0,this._render()}))}_render(){let t=this._snapshot,s=this._state,l=t&&yo(t),i={stream:t,headline:Zs(s)?this._stats:l,breakdown:fn(s)?this._stats:l};for(let{kind:u,panel:a}of this._panels)i[u]&&a.update(i[u]);t&&Hl(this._status,`Updated ${an(t.ts)}`)}};customElements.get(Co)||customElements.define(Co,ii);})();

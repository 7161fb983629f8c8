(()=>{var Lr="uplot",Pr="u-hz",Cr="u-vt",Dr="u-title",Rr="u-wrap",zr="u-under",Vr="u-over",Nr="u-axis",tl="u-off",Or="u-select",Fr="u-cursor-x",Ir="u-cursor-y",Hr="u-cursor-pt",Wr="u-legend",Ur="u-live",Gr="u-inline",Br="u-series",$r="u-marker",mi="u-label",Yr="u-value",Yl="width",jl="height";var gi="bottom",El="left",Zn="right",hs="#000",wi=hs+"0",Qn="mousemove",bi="mousedown",Xn="mouseup",yi="mouseenter",_i="mouseleave",vi="dblclick",jr="resize",Kr="scroll",xi="change",hn="dppxchange",ms="--",zl=typeof window<"u",ss=zl?document:null,Ll=zl?window:null,qr=zl?navigator:null,oe,un;function is(){let e=devicePixelRatio;oe!=e&&(oe=e,un&&rs(xi,un,is),un=matchMedia(`(min-resolution: ${oe-.001}dppx) and (max-resolution: ${oe+.001}dppx)`),ll(xi,un,is),Ll.dispatchEvent(new CustomEvent(hn)))}function tt(e,t){if(t!=null){let s=e.classList;!s.contains(t)&&s.add(t)}}function os(e,t){let s=e.classList;s.contains(t)&&s.remove(t)}function we(e,t,s){e.style[t]=s+"px"}function yt(e,t,s,n){let o=ss.createElement(e);return t!=null&&tt(o,t),s?.insertBefore(o,n),o}function dt(e,t){return yt("div",e,t)}var Si=new WeakMap;function Lt(e,t,s,n,o){let c="translate("+t+"px,"+s+"px)",u=Si.get(e);c!=u&&(e.style.transform=c,Si.set(e,c),t<0||s<0||t>n||s>o?tt(e,tl):os(e,tl))}var ki=new WeakMap;function Ai(e,t,s){let n=t+s,o=ki.get(e);n!=o&&(ki.set(e,n),e.style.background=t,e.style.borderColor=s)}var Ti=new WeakMap;function Ei(e,t,s,n){let o=t+""+s,c=Ti.get(e);o!=c&&(Ti.set(e,o),e.style.height=s+"px",e.style.width=t+"px",e.style.marginLeft=n?-t/2+"px":0,e.style.marginTop=n?-s/2+"px":0)}var gs={passive:!0},Jr={...gs,capture:!0};function ll(e,t,s,n){t.addEventListener(e,s,n?Jr:gs)}function rs(e,t,s,n){t.removeEventListener(e,s,gs)}zl&&is();function _t(e,t,s,n){let o;s=s||0,n=n||t.length-1;let c=n<=2147483647;for(;n-s>1;)o=c?s+n>>1:lt((s+n)/2),t[o]<e?s=o:n=o;return e-t[s]<=t[n]-e?s:n}function to(e){return(s,n,o)=>{let c=-1,u=-1;for(let d=n;d<=o;d++)if(e(s[d])){c=d;break}for(let d=o;d>=n;d--)if(e(s[d])){u=d;break}return[c,u]}}var lo=e=>e!=null,no=e=>e!=null&&e>0,wn=to(lo),Zr=to(no);function Qr(e,t,s,n=0,o=!1){let c=o?Zr:wn,u=o?no:lo;[t,s]=c(e,t,s);let d=e[t],h=e[t];if(t>-1)if(n==1)d=e[t],h=e[s];else if(n==-1)d=e[s],h=e[t];else for(let m=t;m<=s;m++){let b=e[m];u(b)&&(b<d?d=b:b>h&&(h=b))}return[d??fe,h??-fe]}function bn(e,t,s,n){let o=Pi(e),c=Pi(t);e==t&&(o==-1?(e*=s,t/=s):(e/=s,t*=s));let u=s==10?Rt:so,d=o==1?lt:pt,h=c==1?pt:lt,m=d(u(Le(e))),b=h(u(Le(t))),p=Pl(s,m),w=Pl(s,b);return s==10&&(m<0&&(p=de(p,-m)),b<0&&(w=de(w,-b))),n||s==2?(e=p*o,t=w*c):(e=ao(e,p),t=yn(t,w)),[e,t]}function ws(e,t,s,n){let o=bn(e,t,s,n);return e==0&&(o[0]=0),t==0&&(o[1]=0),o}var bs=.1,Mi={mode:3,pad:bs},ql={pad:0,soft:null,mode:0},Xr={min:ql,max:ql};function mn(e,t,s,n){return _n(s)?Li(e,t,s):(ql.pad=s,ql.soft=n?0:null,ql.mode=n?3:0,Li(e,t,Xr))}function se(e,t){return e??t}function ea(e,t,s){for(t=se(t,0),s=se(s,e.length-1);t<=s;){if(e[t]!=null)return!0;t++}return!1}function Li(e,t,s){let n=s.min,o=s.max,c=se(n.pad,0),u=se(o.pad,0),d=se(n.hard,-fe),h=se(o.hard,fe),m=se(n.soft,fe),b=se(o.soft,-fe),p=se(n.mode,0),w=se(o.mode,0),k=t-e,S=Rt(k),M=Ye(Le(e),Le(t)),R=Rt(M),W=Le(R-S);(k<1e-24||W>10)&&(k=0,(e==0||t==0)&&(k=1e-24,p==2&&m!=fe&&(c=0),w==2&&b!=-fe&&(u=0)));let v=k||M||1e3,I=Rt(v),A=Pl(10,lt(I)),q=v*(k==0?e==0?.1:1:c),D=de(ao(e-q,A/10),24),J=e>=m&&(p==1||p==3&&D<=m||p==2&&D>=m)?m:fe,Y=Ye(d,D<J&&e>=J?J:vt(J,D)),X=v*(k==0?t==0?.1:1:u),$=de(yn(t+X,A/10),24),T=t<=b&&(w==1||w==3&&$>=b||w==2&&$<=b)?b:-fe,K=vt(h,$>T&&t<=T?T:Ye(T,$));return Y==K&&Y==0&&(K=100),[Y,K]}var ta=new Intl.NumberFormat(zl?qr.language:"en-US"),ys=e=>ta.format(e),nt=Math,pn=nt.PI,Le=nt.abs,lt=nt.floor,Me=nt.round,pt=nt.ceil,vt=nt.min,Ye=nt.max,Pl=nt.pow,Pi=nt.sign,Rt=nt.log10,so=nt.log2,la=(e,t=1)=>nt.sinh(e)*t,es=(e,t=1)=>nt.asinh(e/t),fe=1/0;function Ci(e){return(Rt((e^e>>31)-(e>>31))|0)+1}function as(e,t,s){return vt(Ye(e,t),s)}function io(e){return typeof e=="function"}function ee(e){return io(e)?e:()=>e}var na=()=>{},oo=e=>e,ro=(e,t)=>t,sa=e=>null,Di=e=>!0,Ri=(e,t)=>e==t,ia=/\.\d*?(?=9{6,}|0{6,})/gm,nl=e=>{if(uo(e)||Ut.has(e))return e;let t=`${e}`,s=t.match(ia);if(s==null)return e;let n=s[0].length-1;if(t.indexOf("e-")!=-1){let[o,c]=t.split("e");return+`${nl(o)}e${c}`}return de(e,n)};function Xt(e,t){return nl(de(nl(e/t))*t)}function yn(e,t){return nl(pt(nl(e/t))*t)}function ao(e,t){return nl(lt(nl(e/t))*t)}function de(e,t=0){if(uo(e))return e;let s=10**t,n=e*s*(1+Number.EPSILON);return Me(n)/s}var Ut=new Map;function co(e){return((""+e).split(".")[1]||"").length}function Zl(e,t,s,n){let o=[],c=n.map(co);for(let u=t;u<s;u++){let d=Le(u),h=de(Pl(e,u),d);for(let m=0;m<n.length;m++){let b=e==10?+`${n[m]}e${u}`:n[m]*h,p=(u>=0?0:d)+(u>=c[m]?0:c[m]),w=e==10?b:de(b,p);o.push(w),Ut.set(w,p)}}return o}var Jl={},_s=[],Cl=[null,null],Wt=Array.isArray,uo=Number.isInteger,oa=e=>e===void 0;function zi(e){return typeof e=="string"}function _n(e){let t=!1;if(e!=null){let s=e.constructor;t=s==null||s==Object}return t}function ra(e){return e!=null&&typeof e=="object"}var aa=Object.getPrototypeOf(Uint8Array),fo="__proto__";function Dl(e,t=_n){let s;if(Wt(e)){let n=e.find(o=>o!=null);if(Wt(n)||t(n)){s=Array(e.length);for(let o=0;o<e.length;o++)s[o]=Dl(e[o],t)}else s=e.slice()}else if(e instanceof aa)s=e.slice();else if(t(e)){s={};for(let n in e)n!=fo&&(s[n]=Dl(e[n],t))}else s=e;return s}function Ae(e){let t=arguments;for(let s=1;s<t.length;s++){let n=t[s];for(let o in n)o!=fo&&(_n(e[o])?Ae(e[o],Dl(n[o])):e[o]=Dl(n[o]))}return e}var ca=0,ua=1,fa=2;function da(e,t,s){for(let n=0,o,c=-1;n<t.length;n++){let u=t[n];if(u>c){for(o=u-1;o>=0&&e[o]==null;)e[o--]=null;for(o=u+1;o<s&&e[o]==null;)e[c=o++]=null}}}function pa(e,t){if(ga(e)){let u=e[0].slice();for(let d=1;d<e.length;d++)u.push(...e[d].slice(1));return wa(u[0])||(u=ma(u)),u}let s=new Set;for(let u=0;u<e.length;u++){let h=e[u][0],m=h.length;for(let b=0;b<m;b++)s.add(h[b])}let n=[Array.from(s).sort((u,d)=>u-d)],o=n[0].length,c=new Map;for(let u=0;u<o;u++)c.set(n[0][u],u);for(let u=0;u<e.length;u++){let d=e[u],h=d[0];for(let m=1;m<d.length;m++){let b=d[m],p=Array(o).fill(void 0),w=t?t[u][m]:ua,k=[];for(let S=0;S<b.length;S++){let M=b[S],R=c.get(h[S]);M===null?w!=ca&&(p[R]=M,w==fa&&k.push(R)):p[R]=M}da(p,k,o),n.push(p)}}return n}var ha=typeof queueMicrotask>"u"?e=>Promise.resolve().then(e):queueMicrotask;function ma(e){let t=e[0],s=t.length,n=Array(s);for(let c=0;c<n.length;c++)n[c]=c;n.sort((c,u)=>t[c]-t[u]);let o=[];for(let c=0;c<e.length;c++){let u=e[c],d=Array(s);for(let h=0;h<s;h++)d[h]=u[n[h]];o.push(d)}return o}function ga(e){let t=e[0][0],s=t.length;for(let n=1;n<e.length;n++){let o=e[n][0];if(o.length!=s)return!1;if(o!=t){for(let c=0;c<s;c++)if(o[c]!=t[c])return!1}}return!0}function wa(e,t=100){let s=e.length;if(s<=1)return!0;let n=0,o=s-1;for(;n<=o&&e[n]==null;)n++;for(;o>=n&&e[o]==null;)o--;if(o<=n)return!0;let c=Ye(1,lt((o-n+1)/t));for(let u=e[n],d=n+c;d<=o;d+=c){let h=e[d];if(h!=null){if(h<=u)return!1;u=h}}return!0}var po=["January","February","March","April","May","June","July","August","September","October","November","December"],ho=["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"];function mo(e){return e.slice(0,3)}var ba=ho.map(mo),ya=po.map(mo),_a={MMMM:po,MMM:ya,WWWW:ho,WWW:ba};function $l(e){return(e<10?"0":"")+e}function va(e){return(e<10?"00":e<100?"0":"")+e}var xa={YYYY:e=>e.getFullYear(),YY:e=>(e.getFullYear()+"").slice(2),MMMM:(e,t)=>t.MMMM[e.getMonth()],MMM:(e,t)=>t.MMM[e.getMonth()],MM:e=>$l(e.getMonth()+1),M:e=>e.getMonth()+1,DD:e=>$l(e.getDate()),D:e=>e.getDate(),WWWW:(e,t)=>t.WWWW[e.getDay()],WWW:(e,t)=>t.WWW[e.getDay()],HH:e=>$l(e.getHours()),H:e=>e.getHours(),h:e=>{let t=e.getHours();return t==0?12:t>12?t-12:t},AA:e=>e.getHours()>=12?"PM":"AM",aa:e=>e.getHours()>=12?"pm":"am",a:e=>e.getHours()>=12?"p":"a",mm:e=>$l(e.getMinutes()),m:e=>e.getMinutes(),ss:e=>$l(e.getSeconds()),s:e=>e.getSeconds(),fff:e=>va(e.getMilliseconds())};function vs(e,t){t=t||_a;let s=[],n=/\{([a-z]+)\}|[^{]+/gi,o;for(;o=n.exec(e);)s.push(o[0][0]=="{"?xa[o[1]]:o[0]);return c=>{let u="";for(let d=0;d<s.length;d++)u+=typeof s[d]=="string"?s[d]:s[d](c,t);return u}}var Sa=new Intl.DateTimeFormat().resolvedOptions().timeZone;function ka(e,t){let s;return t=="UTC"||t=="Etc/UTC"?s=new Date(+e+e.getTimezoneOffset()*6e4):t==Sa?s=e:(s=new Date(e.toLocaleString("en-US",{timeZone:t})),s.setMilliseconds(e.getMilliseconds())),s}var go=e=>e%1==0,gn=[1,2,2.5,5],Aa=Zl(10,-32,0,gn),wo=Zl(10,0,32,gn),Ta=wo.filter(go),el=Aa.concat(wo),xs=`
`,bo="{YYYY}",Vi=xs+bo,yo="{M}/{D}",Kl=xs+yo,fn=Kl+"/{YY}",_o="{aa}",Ea="{h}:{mm}",Ml=Ea+_o,Ni=xs+Ml,Oi=":{ss}",ae=null;function vo(e){let t=e*1e3,s=t*60,n=s*60,o=n*24,c=o*30,u=o*365,h=(e==1?Zl(10,0,3,gn).filter(go):Zl(10,-3,0,gn)).concat([t,t*5,t*10,t*15,t*30,s,s*5,s*10,s*15,s*30,n,n*2,n*3,n*4,n*6,n*8,n*12,o,o*2,o*3,o*4,o*5,o*6,o*7,o*8,o*9,o*10,o*15,c,c*2,c*3,c*4,c*6,u,u*2,u*5,u*10,u*25,u*50,u*100]),m=[[u,bo,ae,ae,ae,ae,ae,ae,1],[o*28,"{MMM}",Vi,ae,ae,ae,ae,ae,1],[o,yo,Vi,ae,ae,ae,ae,ae,1],[n,"{h}"+_o,fn,ae,Kl,ae,ae,ae,1],[s,Ml,fn,ae,Kl,ae,ae,ae,1],[t,Oi,fn+" "+Ml,ae,Kl+" "+Ml,ae,Ni,ae,1],[e,Oi+".{fff}",fn+" "+Ml,ae,Kl+" "+Ml,ae,Ni,ae,1]];function b(p){return(w,k,S,M,R,W)=>{let v=[],I=R>=u,A=R>=c&&R<u,q=p(S),D=de(q*e,3),J=ts(q.getFullYear(),I?0:q.getMonth(),A||I?1:q.getDate()),Y=de(J*e,3);if(A||I){let X=A?R/c:0,$=I?R/u:0,T=D==Y?D:de(ts(J.getFullYear()+$,J.getMonth()+X,1)*e,3),K=new Date(Me(T/e)),z=K.getFullYear(),G=K.getMonth();for(let F=0;T<=M;F++){let te=ts(z+$*F,G+X*F,1),O=te-p(de(te*e,3));T=de((+te+O)*e,3),T<=M&&v.push(T)}}else{let X=R>=o?o:R,$=lt(S)-lt(D),T=Y+$+yn(D-Y,X);v.push(T);let K=p(T),z=K.getHours()+K.getMinutes()/s+K.getSeconds()/n,G=R/n,F=w.axes[k]._space,te=W/F;for(;T=de(T+R,e==1?0:3),!(T>M);)if(G>1){let O=lt(de(z+G,6))%24,le=p(T).getHours()-O;le>1&&(le=-1),T-=le*n,z=(z+G)%24;let ce=v[v.length-1];de((T-ce)/R,3)*te>=.7&&v.push(T)}else v.push(T)}return v}}return[h,m,b]}var[Ma,La,Pa]=vo(1),[Ca,Da,Ra]=vo(.001);Zl(2,-53,53,[1]);function Fi(e,t){return e.map(s=>s.map((n,o)=>o==0||o==8||n==null?n:t(o==1||s[8]==0?n:s[1]+n)))}function Ii(e,t){return(s,n,o,c,u)=>{let d=t.find(S=>u>=S[0])||t[t.length-1],h,m,b,p,w,k;return n.map(S=>{let M=e(S),R=M.getFullYear(),W=M.getMonth(),v=M.getDate(),I=M.getHours(),A=M.getMinutes(),q=M.getSeconds(),D=R!=h&&d[2]||W!=m&&d[3]||v!=b&&d[4]||I!=p&&d[5]||A!=w&&d[6]||q!=k&&d[7]||d[1];return h=R,m=W,b=v,p=I,w=A,k=q,D(M)})}}function za(e,t){let s=vs(t);return(n,o,c,u,d)=>o.map(h=>s(e(h)))}function ts(e,t,s){return new Date(e,t,s)}function Hi(e,t){return t(e)}var Va="{YYYY}-{MM}-{DD} {h}:{mm}{aa}";function Wi(e,t){return(s,n,o,c)=>c==null?ms:t(e(n))}function Na(e,t){let s=e.series[t];return s.width?s.stroke(e,t):s.points.width?s.points.stroke(e,t):null}function Oa(e,t){return e.series[t].fill(e,t)}var Fa={show:!0,live:!0,isolate:!1,mount:na,markers:{show:!0,width:2,stroke:Na,fill:Oa,dash:"solid"},idx:null,idxs:null,values:[]};function Ia(e,t){let s=e.cursor.points,n=dt(),o=s.size(e,t);we(n,Yl,o),we(n,jl,o);let c=o/-2;we(n,"marginLeft",c),we(n,"marginTop",c);let u=s.width(e,t,o);return u&&we(n,"borderWidth",u),n}function Ha(e,t){let s=e.series[t].points;return s._fill||s._stroke}function Wa(e,t){let s=e.series[t].points;return s._stroke||s._fill}function Ua(e,t){return e.series[t].points.size}var ls=[0,0];function Ga(e,t,s){return ls[0]=t,ls[1]=s,ls}function dn(e,t,s,n=!0){return o=>{o.button==0&&(!n||o.target==t)&&s(o)}}function ns(e,t,s,n=!0){return o=>{(!n||o.target==t)&&s(o)}}var Ba={show:!0,x:!0,y:!0,lock:!1,move:Ga,points:{one:!1,show:Ia,size:Ua,width:0,stroke:Wa,fill:Ha},bind:{mousedown:dn,mouseup:dn,click:dn,dblclick:dn,mousemove:ns,mouseleave:ns,mouseenter:ns},drag:{setScale:!0,x:!0,y:!1,dist:0,uni:null,click:(e,t)=>{t.stopPropagation(),t.stopImmediatePropagation()},_x:!1,_y:!1},focus:{dist:(e,t,s,n,o)=>n-o,prox:-1,bias:0},hover:{skip:[void 0],prox:null,bias:0},left:-10,top:-10,idx:null,dataIdx:null,idxs:null,event:null},xo={show:!0,stroke:"rgba(0,0,0,0.07)",width:2},Ss=Ae({},xo,{filter:ro}),So=Ae({},Ss,{size:10}),ko=Ae({},xo,{show:!1}),ks='12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"',Ao="bold "+ks,To=1.5,Ui={show:!0,scale:"x",stroke:hs,space:50,gap:5,alignTo:1,size:50,labelGap:0,labelSize:30,labelFont:Ao,side:2,grid:Ss,ticks:So,border:ko,font:ks,lineGap:To,rotate:0},$a="Value",Ya="Time",Gi={show:!0,scale:"x",auto:!1,sorted:1,min:fe,max:-fe,idxs:[]};function ja(e,t,s,n,o){return t.map(c=>c==null?"":ys(c))}function Ka(e,t,s,n,o,c,u){let d=[],h=Ut.get(o)||0;s=u?s:de(yn(s,o),h);for(let m=s;m<=n;m=de(m+o,h))d.push(Object.is(m,-0)?0:m);return d}function cs(e,t,s,n,o,c,u){let d=[],h=e.scales[e.axes[t].scale].log,m=h==10?Rt:so,b=lt(m(s));o=Pl(h,b),h==10&&(o=el[_t(o,el)]);let p=s,w=o*h;h==10&&(w=el[_t(w,el)]);do d.push(p),p=p+o,h==10&&!Ut.has(p)&&(p=de(p,Ut.get(o))),p>=w&&(o=p,w=o*h,h==10&&(w=el[_t(w,el)]));while(p<=n);return d}function qa(e,t,s,n,o,c,u){let h=e.scales[e.axes[t].scale].asinh,m=n>h?cs(e,t,Ye(h,s),n,o):[h],b=n>=0&&s<=0?[0]:[];return(s<-h?cs(e,t,Ye(h,-n),-s,o):[h]).reverse().map(w=>-w).concat(b,m)}var Eo=/./,Ja=/[12357]/,Za=/[125]/,Bi=/1/,us=(e,t,s,n)=>e.map((o,c)=>t==4&&o==0||c%n==0&&s.test(o.toExponential()[o<0?1:0])?o:null);function Qa(e,t,s,n,o){let c=e.axes[s],u=c.scale,d=e.scales[u],h=e.valToPos,m=c._space,b=h(10,u),p=h(9,u)-b>=m?Eo:h(7,u)-b>=m?Ja:h(5,u)-b>=m?Za:Bi;if(p==Bi){let w=Le(h(1,u)-b);if(w<m)return us(t.slice().reverse(),d.distr,p,pt(m/w)).reverse()}return us(t,d.distr,p,1)}function Xa(e,t,s,n,o){let c=e.axes[s],u=c.scale,d=c._space,h=e.valToPos,m=Le(h(1,u)-h(2,u));return m<d?us(t.slice().reverse(),3,Eo,pt(d/m)).reverse():t}function ec(e,t,s,n){return n==null?ms:t==null?"":ys(t)}var $i={show:!0,scale:"y",stroke:hs,space:30,gap:5,alignTo:1,size:50,labelGap:0,labelSize:30,labelFont:Ao,side:3,grid:Ss,ticks:So,border:ko,font:ks,lineGap:To,rotate:0};function tc(e,t){let s=3+(e||1)*2;return de(s*t,3)}function lc(e,t){let{scale:s,idxs:n}=e.series[0],o=e._data[0],c=e.valToPos(o[n[0]],s,!0),u=e.valToPos(o[n[1]],s,!0),d=Le(u-c),h=e.series[t],m=d/(h.points.space*oe);return n[1]-n[0]<=m}var Yi={scale:null,auto:!0,sorted:0,min:fe,max:-fe},Mo=(e,t,s,n,o)=>o,ji={show:!0,auto:!0,sorted:0,gaps:Mo,alpha:1,facets:[Ae({},Yi,{scale:"x"}),Ae({},Yi,{scale:"y"})]},Ki={scale:"y",auto:!0,sorted:0,show:!0,spanGaps:!1,gaps:Mo,alpha:1,points:{show:lc,filter:null},values:null,min:fe,max:-fe,idxs:[],path:null,clip:null};function nc(e,t,s,n,o){return s/10}var Lo={time:!0,auto:!0,distr:1,log:10,asinh:1,min:null,max:null,dir:1,ori:0},sc=Ae({},Lo,{time:!1,ori:1}),qi={};function Po(e,t){let s=qi[e];return s||(s={key:e,plots:[],sub(n){s.plots.push(n)},unsub(n){s.plots=s.plots.filter(o=>o!=n)},pub(n,o,c,u,d,h,m){for(let b=0;b<s.plots.length;b++)s.plots[b]!=o&&s.plots[b].pub(n,o,c,u,d,h,m)}},e!=null&&(qi[e]=s)),s}var Rl=1,fs=2;function sl(e,t,s){let n=e.mode,o=e.series[t],c=n==2?e._data[t]:e._data,u=e.scales,d=e.bbox,h=c[0],m=n==2?c[1]:c[t],b=n==2?u[o.facets[0].scale]:u[e.series[0].scale],p=n==2?u[o.facets[1].scale]:u[o.scale],w=d.left,k=d.top,S=d.width,M=d.height,R=e.valToPosH,W=e.valToPosV;return b.ori==0?s(o,h,m,b,p,R,W,w,k,S,M,xn,Vl,kn,Do,zo):s(o,h,m,b,p,W,R,k,w,M,S,Sn,Nl,Es,Ro,Vo)}function As(e,t){let s=0,n=0,o=se(e.bands,_s);for(let c=0;c<o.length;c++){let u=o[c];u.series[0]==t?s=u.dir:u.series[1]==t&&(u.dir==1?n|=1:n|=2)}return[s,n==1?-1:n==2?1:n==3?2:0]}function ic(e,t,s,n,o){let c=e.mode,u=e.series[t],d=c==2?u.facets[1].scale:u.scale,h=e.scales[d];return o==-1?h.min:o==1?h.max:h.distr==3?h.dir==1?h.min:h.max:0}function zt(e,t,s,n,o,c){return sl(e,t,(u,d,h,m,b,p,w,k,S,M,R)=>{let W=u.pxRound,v=m.dir*(m.ori==0?1:-1),I=m.ori==0?Vl:Nl,A,q;v==1?(A=s,q=n):(A=n,q=s);let D=W(p(d[A],m,M,k)),J=W(w(h[A],b,R,S)),Y=W(p(d[q],m,M,k)),X=W(w(c==1?b.max:b.min,b,R,S)),$=new Path2D(o);return I($,Y,X),I($,D,X),I($,D,J),$})}function vn(e,t,s,n,o,c){let u=null;if(e.length>0){u=new Path2D;let d=t==0?kn:Es,h=s;for(let p=0;p<e.length;p++){let w=e[p];if(w[1]>w[0]){let k=w[0]-h;k>0&&d(u,h,n,k,n+c),h=w[1]}}let m=s+o-h,b=10;m>0&&d(u,h,n-b/2,m,n+c+b)}return u}function oc(e,t,s){let n=e[e.length-1];n&&n[0]==t?n[1]=s:e.push([t,s])}function Ts(e,t,s,n,o,c,u){let d=[],h=e.length;for(let m=o==1?s:n;m>=s&&m<=n;m+=o)if(t[m]===null){let p=m,w=m;if(o==1)for(;++m<=n&&t[m]===null;)w=m;else for(;--m>=s&&t[m]===null;)w=m;let k=c(e[p]),S=w==p?k:c(e[w]),M=p-o;k=u<=0&&M>=0&&M<h?c(e[M]):k;let W=w+o;S=u>=0&&W>=0&&W<h?c(e[W]):S,S>=k&&d.push([k,S])}return d}function Ji(e){return e==0?oo:e==1?Me:t=>Xt(t,e)}function Co(e){let t=e==0?xn:Sn,s=e==0?(o,c,u,d,h,m)=>{o.arcTo(c,u,d,h,m)}:(o,c,u,d,h,m)=>{o.arcTo(u,c,h,d,m)},n=e==0?(o,c,u,d,h)=>{o.rect(c,u,d,h)}:(o,c,u,d,h)=>{o.rect(u,c,h,d)};return(o,c,u,d,h,m=0,b=0)=>{m==0&&b==0?n(o,c,u,d,h):(m=vt(m,d/2,h/2),b=vt(b,d/2,h/2),t(o,c+m,u),s(o,c+d,u,c+d,u+h,m),s(o,c+d,u+h,c,u+h,b),s(o,c,u+h,c,u,b),s(o,c,u,c+d,u,m),o.closePath())}}var xn=(e,t,s)=>{e.moveTo(t,s)},Sn=(e,t,s)=>{e.moveTo(s,t)},Vl=(e,t,s)=>{e.lineTo(t,s)},Nl=(e,t,s)=>{e.lineTo(s,t)},kn=Co(0),Es=Co(1),Do=(e,t,s,n,o,c)=>{e.arc(t,s,n,o,c)},Ro=(e,t,s,n,o,c)=>{e.arc(s,t,n,o,c)},zo=(e,t,s,n,o,c,u)=>{e.bezierCurveTo(t,s,n,o,c,u)},Vo=(e,t,s,n,o,c,u)=>{e.bezierCurveTo(s,t,o,n,u,c)};function No(e){return(t,s,n,o,c)=>sl(t,s,(u,d,h,m,b,p,w,k,S,M,R)=>{let{pxRound:W,points:v}=u,I,A;m.ori==0?(I=xn,A=Do):(I=Sn,A=Ro);let q=de(v.width*oe,3),D=(v.size-v.width)/2*oe,J=de(D*2,3),Y=new Path2D,X=new Path2D,{left:$,top:T,width:K,height:z}=t.bbox;kn(X,$-J,T-J,K+J*2,z+J*2);let G=F=>{if(h[F]!=null){let te=W(p(d[F],m,M,k)),O=W(w(h[F],b,R,S));I(Y,te+D,O),A(Y,te,O,D,0,pn*2)}};if(c)c.forEach(G);else for(let F=n;F<=o;F++)G(F);return{stroke:q>0?Y:null,fill:Y,clip:X,flags:Rl|fs}})}function Oo(e){return(t,s,n,o,c,u)=>{n!=o&&(c!=n&&u!=n&&e(t,s,n),c!=o&&u!=o&&e(t,s,o),e(t,s,u))}}var rc=Oo(Vl),ac=Oo(Nl);function Fo(e){let t=se(e?.alignGaps,0);return(s,n,o,c)=>sl(s,n,(u,d,h,m,b,p,w,k,S,M,R)=>{[o,c]=wn(h,o,c);let W=u.pxRound,v=z=>W(p(z,m,M,k)),I=z=>W(w(z,b,R,S)),A,q;m.ori==0?(A=Vl,q=rc):(A=Nl,q=ac);let D=m.dir*(m.ori==0?1:-1),J={stroke:new Path2D,fill:null,clip:null,band:null,gaps:null,flags:Rl},Y=J.stroke,X=!1;if(c-o>=M*4){let z=V=>s.posToVal(V,m.key,!0),G=null,F=null,te,O,je,be=v(d[D==1?o:c]),le=v(d[o]),ce=v(d[c]),Z=z(D==1?le+1:ce-1);for(let V=D==1?o:c;V>=o&&V<=c;V+=D){let Te=d[V],ye=(D==1?Te<Z:Te>Z)?be:v(Te),re=h[V];ye==be?re!=null?(O=re,G==null?(A(Y,ye,I(O)),te=G=F=O):O<G?G=O:O>F&&(F=O)):re===null&&(X=!0):(G!=null&&q(Y,be,I(G),I(F),I(te),I(O)),re!=null?(O=re,A(Y,ye,I(O)),G=F=te=O):(G=F=null,re===null&&(X=!0)),be=ye,Z=z(be+D))}G!=null&&G!=F&&je!=be&&q(Y,be,I(G),I(F),I(te),I(O))}else for(let z=D==1?o:c;z>=o&&z<=c;z+=D){let G=h[z];G===null?X=!0:G!=null&&A(Y,v(d[z]),I(G))}let[T,K]=As(s,n);if(u.fill!=null||T!=0){let z=J.fill=new Path2D(Y),G=u.fillTo(s,n,u.min,u.max,T),F=I(G),te=v(d[o]),O=v(d[c]);D==-1&&([O,te]=[te,O]),A(z,O,F),A(z,te,F)}if(!u.spanGaps){let z=[];X&&z.push(...Ts(d,h,o,c,D,v,t)),J.gaps=z=u.gaps(s,n,o,c,z),J.clip=vn(z,m.ori,k,S,M,R)}return K!=0&&(J.band=K==2?[zt(s,n,o,c,Y,-1),zt(s,n,o,c,Y,1)]:zt(s,n,o,c,Y,K)),J})}function cc(e){let t=se(e.align,1),s=se(e.ascDesc,!1),n=se(e.alignGaps,0),o=se(e.extend,!1);return(c,u,d,h)=>sl(c,u,(m,b,p,w,k,S,M,R,W,v,I)=>{[d,h]=wn(p,d,h);let A=m.pxRound,{left:q,width:D}=c.bbox,J=le=>A(S(le,w,v,R)),Y=le=>A(M(le,k,I,W)),X=w.ori==0?Vl:Nl,$={stroke:new Path2D,fill:null,clip:null,band:null,gaps:null,flags:Rl},T=$.stroke,K=w.dir*(w.ori==0?1:-1),z=Y(p[K==1?d:h]),G=J(b[K==1?d:h]),F=G,te=G;o&&t==-1&&(te=q,X(T,te,z)),X(T,G,z);for(let le=K==1?d:h;le>=d&&le<=h;le+=K){let ce=p[le];if(ce==null)continue;let Z=J(b[le]),V=Y(ce);t==1?X(T,Z,z):X(T,F,V),X(T,Z,V),z=V,F=Z}let O=F;o&&t==1&&(O=q+D,X(T,O,z));let[je,be]=As(c,u);if(m.fill!=null||je!=0){let le=$.fill=new Path2D(T),ce=m.fillTo(c,u,m.min,m.max,je),Z=Y(ce);X(le,O,Z),X(le,te,Z)}if(!m.spanGaps){let le=[];le.push(...Ts(b,p,d,h,K,J,n));let ce=m.width*oe/2,Z=s||t==1?ce:-ce,V=s||t==-1?-ce:ce;le.forEach(Te=>{Te[0]+=Z,Te[1]+=V}),$.gaps=le=m.gaps(c,u,d,h,le),$.clip=vn(le,w.ori,R,W,v,I)}return be!=0&&($.band=be==2?[zt(c,u,d,h,T,-1),zt(c,u,d,h,T,1)]:zt(c,u,d,h,T,be)),$})}function Zi(e,t,s,n,o,c,u=fe){if(e.length>1){let d=null;for(let h=0,m=1/0;h<e.length;h++)if(t[h]!==void 0){if(d!=null){let b=Le(e[h]-e[d]);b<m&&(m=b,u=Le(s(e[h],n,o,c)-s(e[d],n,o,c)))}d=h}}return u}function uc(e){e=e||Jl;let t=se(e.size,[.6,fe,1]),s=e.align||0,n=e.gap||0,o=e.radius;o=o==null?[0,0]:typeof o=="number"?[o,0]:o;let c=ee(o),u=1-t[0],d=se(t[1],fe),h=se(t[2],1),m=se(e.disp,Jl),b=se(e.each,k=>{}),{fill:p,stroke:w}=m;return(k,S,M,R)=>sl(k,S,(W,v,I,A,q,D,J,Y,X,$,T)=>{let K=W.pxRound,z=s,G=n*oe,F=d*oe,te=h*oe,O,je;A.ori==0?[O,je]=c(k,S):[je,O]=c(k,S);let be=A.dir*(A.ori==0?1:-1),le=A.ori==0?kn:Es,ce=A.ori==0?b:(P,pe,Ee,fl,$t,St,Yt)=>{b(P,pe,Ee,$t,fl,Yt,St)},Z=se(k.bands,_s).find(P=>P.series[0]==S),V=Z!=null?Z.dir:0,Te=W.fillTo(k,S,W.min,W.max,V),We=K(J(Te,q,T,X)),ye,re,ht,Je=$,ve=K(W.width*oe),xt=!1,Pt=null,ot=null,Vt=null,al=null;p!=null&&(ve==0||w!=null)&&(xt=!0,Pt=p.values(k,S,M,R),ot=new Map,new Set(Pt).forEach(P=>{P!=null&&ot.set(P,new Path2D)}),ve>0&&(Vt=w.values(k,S,M,R),al=new Map,new Set(Vt).forEach(P=>{P!=null&&al.set(P,new Path2D)})));let{x0:cl,size:Ol}=m;if(cl!=null&&Ol!=null){z=1,v=cl.values(k,S,M,R),cl.unit==2&&(v=v.map(Ee=>k.posToVal(Y+Ee*$,A.key,!0)));let P=Ol.values(k,S,M,R);Ol.unit==2?re=P[0]*$:re=D(P[0],A,$,Y)-D(0,A,$,Y),Je=Zi(v,I,D,A,$,Y,Je),ht=Je-re+G}else Je=Zi(v,I,D,A,$,Y,Je),ht=Je*u+G,re=Je-ht;ht<1&&(ht=0),ve>=re/2&&(ve=0),ht<5&&(K=oo);let Xl=ht>0,Gt=Je-ht-(Xl?ve:0);re=K(as(Gt,te,F)),ye=(z==0?re/2:z==be?0:re)-z*be*((z==0?G/2:0)+(Xl?ve/2:0));let Ue={stroke:null,fill:null,clip:null,band:null,gaps:null,flags:0},ul=xt?null:new Path2D,Ct=null;if(Z!=null)Ct=k.data[Z.series[1]];else{let{y0:P,y1:pe}=m;P!=null&&pe!=null&&(I=pe.values(k,S,M,R),Ct=P.values(k,S,M,R))}let Bt=O*re,j=je*re;for(let P=be==1?M:R;P>=M&&P<=R;P+=be){let pe=I[P];if(pe==null)continue;if(Ct!=null){let Ke=Ct[P]??0;if(pe-Ke==0)continue;We=J(Ke,q,T,X)}let Ee=A.distr!=2||m!=null?v[P]:P,fl=D(Ee,A,$,Y),$t=J(se(pe,Te),q,T,X),St=K(fl-ye),Yt=K(Ye($t,We)),Ze=K(vt($t,We)),rt=Yt-Ze;if(pe!=null){let Ke=pe<0?j:Bt,mt=pe<0?Bt:j;xt?(ve>0&&Vt[P]!=null&&le(al.get(Vt[P]),St,Ze+lt(ve/2),re,Ye(0,rt-ve),Ke,mt),Pt[P]!=null&&le(ot.get(Pt[P]),St,Ze+lt(ve/2),re,Ye(0,rt-ve),Ke,mt)):le(ul,St,Ze+lt(ve/2),re,Ye(0,rt-ve),Ke,mt),ce(k,S,P,St-ve/2,Ze,re+ve,rt)}}return ve>0?Ue.stroke=xt?al:ul:xt||(Ue._fill=W.width==0?W._fill:W._stroke??W._fill,Ue.width=0),Ue.fill=xt?ot:ul,Ue})}function fc(e,t){let s=se(t?.alignGaps,0);return(n,o,c,u)=>sl(n,o,(d,h,m,b,p,w,k,S,M,R,W)=>{[c,u]=wn(m,c,u);let v=d.pxRound,I=O=>v(w(O,b,R,S)),A=O=>v(k(O,p,W,M)),q,D,J;b.ori==0?(q=xn,J=Vl,D=zo):(q=Sn,J=Nl,D=Vo);let Y=b.dir*(b.ori==0?1:-1),X=I(h[Y==1?c:u]),$=X,T=[],K=[];for(let O=Y==1?c:u;O>=c&&O<=u;O+=Y)if(m[O]!=null){let be=h[O],le=I(be);T.push($=le),K.push(A(m[O]))}let z={stroke:e(T,K,q,J,D,v),fill:null,clip:null,band:null,gaps:null,flags:Rl},G=z.stroke,[F,te]=As(n,o);if(d.fill!=null||F!=0){let O=z.fill=new Path2D(G),je=d.fillTo(n,o,d.min,d.max,F),be=A(je);J(O,$,be),J(O,X,be)}if(!d.spanGaps){let O=[];O.push(...Ts(h,m,c,u,Y,I,s)),z.gaps=O=d.gaps(n,o,c,u,O),z.clip=vn(O,b.ori,S,M,R,W)}return te!=0&&(z.band=te==2?[zt(n,o,c,u,G,-1),zt(n,o,c,u,G,1)]:zt(n,o,c,u,G,te)),z})}function dc(e){return fc(pc,e)}function pc(e,t,s,n,o,c){let u=e.length;if(u<2)return null;let d=new Path2D;if(s(d,e[0],t[0]),u==2)n(d,e[1],t[1]);else{let h=Array(u),m=Array(u-1),b=Array(u-1),p=Array(u-1);for(let w=0;w<u-1;w++)b[w]=t[w+1]-t[w],p[w]=e[w+1]-e[w],m[w]=b[w]/p[w];h[0]=m[0];for(let w=1;w<u-1;w++)m[w]===0||m[w-1]===0||m[w-1]>0!=m[w]>0?h[w]=0:(h[w]=3*(p[w-1]+p[w])/((2*p[w]+p[w-1])/m[w-1]+(p[w]+2*p[w-1])/m[w]),isFinite(h[w])||(h[w]=0));h[u-1]=m[u-2];for(let w=0;w<u-1;w++)o(d,e[w]+p[w]/3,t[w]+h[w]*p[w]/3,e[w+1]-p[w]/3,t[w+1]-h[w+1]*p[w]/3,e[w+1],t[w+1])}return d}var ds=new Set;function Qi(){for(let e of ds)e.syncRect(!0)}zl&&(ll(jr,Ll,Qi),ll(Kr,Ll,Qi,!0),ll(hn,Ll,()=>{Ie.pxRatio=oe}));var hc=Fo(),mc=No();function Xi(e,t,s,n){return(n?[e[0],e[1]].concat(e.slice(2)):[e[0]].concat(e.slice(1))).map((c,u)=>ps(c,u,t,s))}function gc(e,t){return e.map((s,n)=>n==0?{}:Ae({},t,s))}function ps(e,t,s,n){return Ae({},t==0?s:n,e)}function Io(e,t,s){return t==null?Cl:[t,s]}var wc=Io;function bc(e,t,s){return t==null?Cl:mn(t,s,bs,!0)}function Ho(e,t,s,n){return t==null?Cl:bn(t,s,e.scales[n].log,!1)}var yc=Ho;function Wo(e,t,s,n){return t==null?Cl:ws(t,s,e.scales[n].log,!1)}var _c=Wo;function vc(e,t,s,n,o){let c=Ye(Ci(e),Ci(t)),u=t-e,d=_t(o/n*u,s);do{let h=s[d],m=n*h/u;if(m>=o&&c+(h<5?Ut.get(h):0)<=17)return[h,m]}while(++d<s.length);return[0,0]}function eo(e){let t,s;return e=e.replace(/(\d+)px/,(n,o)=>(t=Me((s=+o)*oe))+"px"),[e,t,s]}function xc(e){e.show&&[e.font,e.labelFont].forEach(t=>{let s=de(t[2]*oe,1);t[0]=t[0].replace(/[0-9.]+px/,s+"px"),t[1]=s})}function Ie(e,t,s){let n={mode:se(e.mode,1)},o=n.mode;function c(l,i,r,a){let f=i.valToPct(l);return a+r*(i.dir==-1?1-f:f)}function u(l,i,r,a){let f=i.valToPct(l);return a+r*(i.dir==-1?f:1-f)}function d(l,i,r,a){return i.ori==0?c(l,i,r,a):u(l,i,r,a)}n.valToPosH=c,n.valToPosV=u;let h=!1;n.status=0;let m=n.root=dt(Lr);if(e.id!=null&&(m.id=e.id),tt(m,e.class),e.title){let l=dt(Dr,m);l.textContent=e.title}let b=yt("canvas"),p=n.ctx=b.getContext("2d"),w=dt(Rr,m);ll("click",w,l=>{l.target===S&&(he!=xl||_e!=Sl)&&Fe.click(n,l)},!0);let k=n.under=dt(zr,w);w.appendChild(b);let S=n.over=dt(Vr,w);e=Dl(e);let M=+se(e.pxAlign,1),R=Ji(M);(e.plugins||[]).forEach(l=>{l.opts&&(e=l.opts(n,e)||e)});let W=e.ms||.001,v=n.series=o==1?Xi(e.series||[],Gi,Ki,!1):gc(e.series||[null],ji),I=n.axes=Xi(e.axes||[],Ui,$i,!0),A=n.scales={},q=n.bands=e.bands||[];q.forEach(l=>{l.fill=ee(l.fill||null),l.dir=se(l.dir,-1)});let D=o==2?v[1].facets[0].scale:v[0].scale,J={axes:hr,series:cr},Y=(e.drawOrder||["axes","series"]).map(l=>J[l]);function X(l){let i=l.distr==3?r=>Rt(r>0?r:l.clamp(n,r,l.min,l.max,l.key)):l.distr==4?r=>es(r,l.asinh):l.distr==100?r=>l.fwd(r):r=>r;return r=>{let a=i(r),{_min:f,_max:g}=l,y=g-f;return(a-f)/y}}function $(l){let i=A[l];if(i==null){let r=(e.scales||Jl)[l]||Jl;if(r.from!=null){$(r.from);let a=Ae({},A[r.from],r,{key:l});a.valToPct=X(a),A[l]=a}else{i=A[l]=Ae({},l==D?Lo:sc,r),i.key=l;let a=i.time,f=i.range,g=Wt(f);if((l!=D||o==2&&!a)&&(g&&(f[0]==null||f[1]==null)&&(f={min:f[0]==null?Mi:{mode:1,hard:f[0],soft:f[0]},max:f[1]==null?Mi:{mode:1,hard:f[1],soft:f[1]}},g=!1),!g&&_n(f))){let y=f;f=(_,x,E)=>x==null?Cl:mn(x,E,y)}i.range=ee(f||(a?wc:l==D?i.distr==3?yc:i.distr==4?_c:Io:i.distr==3?Ho:i.distr==4?Wo:bc)),i.auto=ee(g?!1:i.auto),i.clamp=ee(i.clamp||nc),i._min=i._max=null,i.valToPct=X(i)}}}$("x"),$("y"),o==1&&v.forEach(l=>{$(l.scale)}),I.forEach(l=>{$(l.scale)});for(let l in e.scales)$(l);let T=A[D],K=T.distr,z,G;T.ori==0?(tt(m,Pr),z=c,G=u):(tt(m,Cr),z=u,G=c);let F={};for(let l in A){let i=A[l];(i.min!=null||i.max!=null)&&(F[l]={min:i.min,max:i.max},i.min=i.max=null)}let te=e.tzDate||(l=>new Date(Me(l/W))),O=e.fmtDate||vs,je=W==1?Pa(te):Ra(te),be=Ii(te,Fi(W==1?La:Da,O)),le=Wi(te,Hi(Va,O)),ce=[],Z=n.legend=Ae({},Fa,e.legend),V=n.cursor=Ae({},Ba,{drag:{y:o==2}},e.cursor),Te=Z.show,We=V.show,ye=Z.markers;Z.idxs=ce,ye.width=ee(ye.width),ye.dash=ee(ye.dash),ye.stroke=ee(ye.stroke),ye.fill=ee(ye.fill);let re,ht,Je,ve=[],xt=[],Pt,ot=!1,Vt={};if(Z.live){let l=v[1]?v[1].values:null;ot=l!=null,Pt=ot?l(n,1,0):{_:0};for(let i in Pt)Vt[i]=ms}if(Te)if(re=yt("table",Wr,m),Je=yt("tbody",null,re),Z.mount(n,re),ot){ht=yt("thead",null,re,Je);let l=yt("tr",null,ht);yt("th",null,l);for(var al in Pt)yt("th",mi,l).textContent=al}else tt(re,Gr),Z.live&&tt(re,Ur);let cl={show:!0},Ol={show:!1};function Xl(l,i){if(i==0&&(ot||!Z.live||o==2))return Cl;let r=[],a=yt("tr",Br,Je,Je.childNodes[i]);tt(a,l.class),l.show||tt(a,tl);let f=yt("th",null,a);if(ye.show){let _=dt($r,f);if(i>0){let x=ye.width(n,i);x&&(_.style.border=x+"px "+ye.dash(n,i)+" "+ye.stroke(n,i)),_.style.background=ye.fill(n,i)}}let g=dt(mi,f);l.label instanceof HTMLElement?g.appendChild(l.label):g.textContent=l.label,i>0&&(ye.show||(g.style.color=l.width>0?ye.stroke(n,i):ye.fill(n,i)),Ue("click",f,_=>{if(V._lock)return;Kt(_);let x=v.indexOf(l);if((_.ctrlKey||_.metaKey)!=Z.isolate){let E=v.some((L,C)=>C>0&&C!=x&&L.show);v.forEach((L,C)=>{C>0&&At(C,E?C==x?cl:Ol:cl,!0,ke.setSeries)})}else At(x,{show:!l.show},!0,ke.setSeries)},!1),pl&&Ue(yi,f,_=>{V._lock||(Kt(_),At(v.indexOf(l),Al,!0,ke.setSeries))},!1));for(var y in Pt){let _=yt("td",Yr,a);_.textContent="--",r.push(_)}return[a,r]}let Gt=new Map;function Ue(l,i,r,a=!0){let f=Gt.get(i)||{},g=V.bind[l](n,i,r,a);g&&(ll(l,i,f[l]=g),Gt.set(i,f))}function ul(l,i,r){let a=Gt.get(i)||{};for(let f in a)(l==null||f==l)&&(rs(f,i,a[f]),delete a[f]);l==null&&Gt.delete(i)}let Ct=0,Bt=0,j=0,P=0,pe=0,Ee=0,fl=pe,$t=Ee,St=j,Yt=P,Ze=0,rt=0,Ke=0,mt=0;n.bbox={};let Mn=!1,en=!1,dl=!1,jt=!1,tn=!1,at=!1;function Ln(l,i,r){(r||l!=n.width||i!=n.height)&&Is(l,i),bl(!1),dl=!0,en=!0,yl()}function Is(l,i){n.width=Ct=j=l,n.height=Bt=P=i,pe=Ee=0,lr(),nr();let r=n.bbox;Ze=r.left=Xt(pe*oe,.5),rt=r.top=Xt(Ee*oe,.5),Ke=r.width=Xt(j*oe,.5),mt=r.height=Xt(P*oe,.5)}let Xo=3;function er(){let l=!1,i=0;for(;!l;){i++;let r=dr(i),a=pr(i);l=i==Xo||r&&a,l||(Is(n.width,n.height),en=!0)}}function tr({width:l,height:i}){Ln(l,i)}n.setSize=tr;function lr(){let l=!1,i=!1,r=!1,a=!1;I.forEach((f,g)=>{if(f.show&&f._show){let{side:y,_size:_}=f,x=y%2,E=f.label!=null?f.labelSize:0,L=_+E;L>0&&(x?(j-=L,y==3?(pe+=L,a=!0):r=!0):(P-=L,y==0?(Ee+=L,l=!0):i=!0))}}),qt[0]=l,qt[1]=r,qt[2]=i,qt[3]=a,j-=Nt[1]+Nt[3],pe+=Nt[3],P-=Nt[2]+Nt[0],Ee+=Nt[0]}function nr(){let l=pe+j,i=Ee+P,r=pe,a=Ee;function f(g,y){switch(g){case 1:return l+=y,l-y;case 2:return i+=y,i-y;case 3:return r-=y,r+y;case 0:return a-=y,a+y}}I.forEach((g,y)=>{if(g.show&&g._show){let _=g.side;g._pos=f(_,g._size),g.label!=null&&(g._lpos=f(_,g.labelSize))}})}if(V.dataIdx==null){let l=V.hover,i=l.skip=new Set(l.skip??[]);i.add(void 0);let r=l.prox=ee(l.prox),a=l.bias??(l.bias=0);V.dataIdx=(f,g,y,_)=>{if(g==0)return y;let x=y,E=r(f,g,y,_)??fe,L=E>=0&&E<fe,C=T.ori==0?j:P,B=V.left,ie=t[0],ne=t[g];if(i.has(ne[y])){x=null;let Q=null,U=null,N;if(a==0||a==-1)for(N=y;Q==null&&N-- >0;)i.has(ne[N])||(Q=N);if(a==0||a==1)for(N=y;U==null&&N++<ne.length;)i.has(ne[N])||(U=N);if(Q!=null||U!=null)if(L){let ge=Q==null?-1/0:z(ie[Q],T,C,0),xe=U==null?1/0:z(ie[U],T,C,0),Ve=B-ge,ue=xe-B;Ve<=ue?Ve<=E&&(x=Q):ue<=E&&(x=U)}else x=U==null?Q:Q==null?U:y-Q<=U-y?Q:U}else L&&Le(B-z(ie[y],T,C,0))>E&&(x=null);return x}}let Kt=l=>{V.event=l};V.idxs=ce,V._lock=!1;let He=V.points;He.show=ee(He.show),He.size=ee(He.size),He.stroke=ee(He.stroke),He.width=ee(He.width),He.fill=ee(He.fill);let kt=n.focus=Ae({},e.focus||{alpha:.3},V.focus),pl=kt.prox>=0,hl=pl&&He.one,ct=[],ml=[],gl=[];function Hs(l,i){let r=He.show(n,i);if(r instanceof HTMLElement)return tt(r,Hr),tt(r,l.class),Lt(r,-10,-10,j,P),S.insertBefore(r,ct[i]),r}function Ws(l,i){if(o==1||i>0){let r=o==1&&A[l.scale].time,a=l.value;l.value=r?zi(a)?Wi(te,Hi(a,O)):a||le:a||ec,l.label=l.label||(r?Ya:$a)}if(hl||i>0){l.width=l.width==null?1:l.width,l.paths=l.paths||hc||sa,l.fillTo=ee(l.fillTo||ic),l.pxAlign=+se(l.pxAlign,M),l.pxRound=Ji(l.pxAlign),l.stroke=ee(l.stroke||null),l.fill=ee(l.fill||null),l._stroke=l._fill=l._paths=l._focus=null;let r=tc(Ye(1,l.width),1),a=l.points=Ae({},{size:r,width:Ye(1,r*.2),stroke:l.stroke,space:r*2,paths:mc,_stroke:null,_fill:null},l.points);a.show=ee(a.show),a.filter=ee(a.filter),a.fill=ee(a.fill),a.stroke=ee(a.stroke),a.paths=ee(a.paths),a.pxAlign=l.pxAlign}if(Te){let r=Xl(l,i);ve.splice(i,0,r[0]),xt.splice(i,0,r[1]),Z.values.push(null)}if(We){ce.splice(i,0,null);let r=null;hl?i==0&&(r=Hs(l,i)):i>0&&(r=Hs(l,i)),ct.splice(i,0,r),ml.splice(i,0,0),gl.splice(i,0,0)}ze("addSeries",i)}function sr(l,i){i=i??v.length,l=o==1?ps(l,i,Gi,Ki):ps(l,i,{},ji),v.splice(i,0,l),Ws(v[i],i)}n.addSeries=sr;function ir(l){if(v.splice(l,1),Te){Z.values.splice(l,1),xt.splice(l,1);let i=ve.splice(l,1)[0];ul(null,i.firstChild),i.remove()}We&&(ce.splice(l,1),ct.splice(l,1)[0].remove(),ml.splice(l,1),gl.splice(l,1)),ze("delSeries",l)}n.delSeries=ir;let qt=[!1,!1,!1,!1];function or(l,i){if(l._show=l.show,l.show){let r=l.side%2,a=A[l.scale];a==null&&(l.scale=r?v[1].scale:D,a=A[l.scale]);let f=a.time;l.size=ee(l.size),l.space=ee(l.space),l.rotate=ee(l.rotate),Wt(l.incrs)&&l.incrs.forEach(y=>{!Ut.has(y)&&Ut.set(y,co(y))}),l.incrs=ee(l.incrs||(a.distr==2?Ta:f?W==1?Ma:Ca:el)),l.splits=ee(l.splits||(f&&a.distr==1?je:a.distr==3?cs:a.distr==4?qa:Ka)),l.stroke=ee(l.stroke),l.grid.stroke=ee(l.grid.stroke),l.ticks.stroke=ee(l.ticks.stroke),l.border.stroke=ee(l.border.stroke);let g=l.values;l.values=Wt(g)&&!Wt(g[0])?ee(g):f?Wt(g)?Ii(te,Fi(g,O)):zi(g)?za(te,g):g||be:g||ja,l.filter=ee(l.filter||(a.distr>=3&&a.log==10?Qa:a.distr==3&&a.log==2?Xa:ro)),l.font=eo(l.font),l.labelFont=eo(l.labelFont),l._size=l.size(n,null,i,0),l._space=l._rotate=l._incrs=l._found=l._splits=l._values=null,l._size>0&&(qt[i]=!0,l._el=dt(Nr,w))}}function Fl(l,i,r,a){let[f,g,y,_]=r,x=i%2,E=0;return x==0&&(_||g)&&(E=i==0&&!f||i==2&&!y?Me(Ui.size/3):0),x==1&&(f||y)&&(E=i==1&&!g||i==3&&!_?Me($i.size/2):0),E}let Us=n.padding=(e.padding||[Fl,Fl,Fl,Fl]).map(l=>ee(se(l,Fl))),Nt=n._padding=Us.map((l,i)=>l(n,i,qt,0)),Oe,Pe=null,Ce=null,ln=o==1?v[0].idxs:null,gt=null,Il=!1;function Gs(l,i){if(t=l??[],n.data=n._data=t,o==2){Oe=0;for(let r=1;r<v.length;r++)Oe+=t[r][0].length}else{t.length==0&&(n.data=n._data=t=[[]]),gt=t[0],Oe=gt.length;let r=t;if(K==2){r=t.slice();let a=r[0]=Array(Oe);for(let f=0;f<Oe;f++)a[f]=f}n._data=t=r}if(bl(!0),ze("setData"),K==2&&(dl=!0),i!==!1){let r=T;r.auto(n,Il)?Pn():Ft(D,r.min,r.max),jt=jt||V.left>=0,at=!0,yl()}}n.setData=Gs;function Pn(){Il=!0;let l,i;o==1&&(Oe>0?(Pe=ln[0]=0,Ce=ln[1]=Oe-1,l=t[0][Pe],i=t[0][Ce],K==2?(l=Pe,i=Ce):l==i&&(K==3?[l,i]=bn(l,l,T.log,!1):K==4?[l,i]=ws(l,l,T.log,!1):T.time?i=l+Me(86400/W):[l,i]=mn(l,i,bs,!0))):(Pe=ln[0]=l=null,Ce=ln[1]=i=null)),Ft(D,l,i)}let nn,wl,Cn,Dn,Rn,zn,Vn,Nn,On,qe;function Bs(l,i,r,a,f,g){l??(l=wi),r??(r=_s),a??(a="butt"),f??(f=wi),g??(g="round"),l!=nn&&(p.strokeStyle=nn=l),f!=wl&&(p.fillStyle=wl=f),i!=Cn&&(p.lineWidth=Cn=i),g!=Rn&&(p.lineJoin=Rn=g),a!=zn&&(p.lineCap=zn=a),r!=Dn&&p.setLineDash(Dn=r)}function $s(l,i,r,a){i!=wl&&(p.fillStyle=wl=i),l!=Vn&&(p.font=Vn=l),r!=Nn&&(p.textAlign=Nn=r),a!=On&&(p.textBaseline=On=a)}function Fn(l,i,r,a,f=0){if(a.length>0&&l.auto(n,Il)&&(i==null||i.min==null)){let g=se(Pe,0),y=se(Ce,a.length-1),_=r.min==null?Qr(a,g,y,f,l.distr==3):[r.min,r.max];l.min=vt(l.min,r.min=_[0]),l.max=Ye(l.max,r.max=_[1])}}let Ys={min:null,max:null};function rr(){for(let a in A){let f=A[a];F[a]==null&&(f.min==null||F[D]!=null&&f.auto(n,Il))&&(F[a]=Ys)}for(let a in A){let f=A[a];F[a]==null&&f.from!=null&&F[f.from]!=null&&(F[a]=Ys)}F[D]!=null&&bl(!0);let l={};for(let a in F){let f=F[a];if(f!=null){let g=l[a]=Dl(A[a],ra);if(f.min!=null)Ae(g,f);else if(a!=D||o==2)if(Oe==0&&g.from==null){let y=g.range(n,null,null,a);g.min=y[0],g.max=y[1]}else g.min=fe,g.max=-fe}}if(Oe>0){v.forEach((a,f)=>{if(o==1){let g=a.scale,y=F[g];if(y==null)return;let _=l[g];if(f==0){let x=_.range(n,_.min,_.max,g);_.min=x[0],_.max=x[1],Pe=_t(_.min,t[0]),Ce=_t(_.max,t[0]),Ce-Pe>1&&(t[0][Pe]<_.min&&Pe++,t[0][Ce]>_.max&&Ce--),a.min=gt[Pe],a.max=gt[Ce]}else a.show&&a.auto&&Fn(_,y,a,t[f],a.sorted);a.idxs[0]=Pe,a.idxs[1]=Ce}else if(f>0&&a.show&&a.auto){let[g,y]=a.facets,_=g.scale,x=y.scale,[E,L]=t[f],C=l[_],B=l[x];C!=null&&Fn(C,F[_],g,E,g.sorted),B!=null&&Fn(B,F[x],y,L,y.sorted),a.min=y.min,a.max=y.max}});for(let a in l){let f=l[a],g=F[a];if(f.from==null&&(g==null||g.min==null)){let y=f.range(n,f.min==fe?null:f.min,f.max==-fe?null:f.max,a);f.min=y[0],f.max=y[1]}}}for(let a in l){let f=l[a];if(f.from!=null){let g=l[f.from];if(g.min==null)f.min=f.max=null;else{let y=f.range(n,g.min,g.max,a);f.min=y[0],f.max=y[1]}}}let i={},r=!1;for(let a in l){let f=l[a],g=A[a];if(g.min!=f.min||g.max!=f.max){g.min=f.min,g.max=f.max;let y=g.distr;g._min=y==3?Rt(g.min):y==4?es(g.min,g.asinh):y==100?g.fwd(g.min):g.min,g._max=y==3?Rt(g.max):y==4?es(g.max,g.asinh):y==100?g.fwd(g.max):g.max,i[a]=r=!0}}if(r){v.forEach((a,f)=>{o==2?f>0&&i.y&&(a._paths=null):i[a.scale]&&(a._paths=null)});for(let a in i)dl=!0,ze("setScale",a);We&&V.left>=0&&(jt=at=!0)}for(let a in F)F[a]=null}function ar(l){let i=as(Pe-1,0,Oe-1),r=as(Ce+1,0,Oe-1);for(;l[i]==null&&i>0;)i--;for(;l[r]==null&&r<Oe-1;)r++;return[i,r]}function cr(){if(Oe>0){let l=v.some(i=>i._focus)&&qe!=kt.alpha;l&&(p.globalAlpha=qe=kt.alpha),v.forEach((i,r)=>{if(r>0&&i.show&&(js(r,!1),js(r,!0),i._paths==null)){let a=qe;qe!=i.alpha&&(p.globalAlpha=qe=i.alpha);let f=o==2?[0,t[r][0].length-1]:ar(t[r]);i._paths=i.paths(n,r,f[0],f[1]),qe!=a&&(p.globalAlpha=qe=a)}}),v.forEach((i,r)=>{if(r>0&&i.show){let a=qe;qe!=i.alpha&&(p.globalAlpha=qe=i.alpha),i._paths!=null&&Ks(r,!1);{let f=i._paths!=null?i._paths.gaps:null,g=i.points.show(n,r,Pe,Ce,f),y=i.points.filter(n,r,g,f);(g||y)&&(i.points._paths=i.points.paths(n,r,Pe,Ce,y),Ks(r,!0))}qe!=a&&(p.globalAlpha=qe=a),ze("drawSeries",r)}}),l&&(p.globalAlpha=qe=1)}}function js(l,i){let r=i?v[l].points:v[l];r._stroke=r.stroke(n,l),r._fill=r.fill(n,l)}function Ks(l,i){let r=i?v[l].points:v[l],{stroke:a,fill:f,clip:g,flags:y,_stroke:_=r._stroke,_fill:x=r._fill,_width:E=r.width}=r._paths;E=de(E*oe,3);let L=null,C=E%2/2;i&&x==null&&(x=E>0?"#fff":_);let B=r.pxAlign==1&&C>0;if(B&&p.translate(C,C),!i){let ie=Ze-E/2,ne=rt-E/2,Q=Ke+E,U=mt+E;L=new Path2D,L.rect(ie,ne,Q,U)}i?In(_,E,r.dash,r.cap,x,a,f,y,g):ur(l,_,E,r.dash,r.cap,x,a,f,y,L,g),B&&p.translate(-C,-C)}function ur(l,i,r,a,f,g,y,_,x,E,L){let C=!1;x!=0&&q.forEach((B,ie)=>{if(B.series[0]==l){let ne=v[B.series[1]],Q=t[B.series[1]],U=(ne._paths||Jl).band;Wt(U)&&(U=B.dir==1?U[0]:U[1]);let N,ge=null;ne.show&&U&&ea(Q,Pe,Ce)?(ge=B.fill(n,ie)||g,N=ne._paths.clip):U=null,In(i,r,a,f,ge,y,_,x,E,L,N,U),C=!0}}),C||In(i,r,a,f,g,y,_,x,E,L)}let qs=Rl|fs;function In(l,i,r,a,f,g,y,_,x,E,L,C){Bs(l,i,r,a,f),(x||E||C)&&(p.save(),x&&p.clip(x),E&&p.clip(E)),C?(_&qs)==qs?(p.clip(C),L&&p.clip(L),on(f,y),sn(l,g,i)):_&fs?(on(f,y),p.clip(C),sn(l,g,i)):_&Rl&&(p.save(),p.clip(C),L&&p.clip(L),on(f,y),p.restore(),sn(l,g,i)):(on(f,y),sn(l,g,i)),(x||E||C)&&p.restore()}function sn(l,i,r){r>0&&(i instanceof Map?i.forEach((a,f)=>{p.strokeStyle=nn=f,p.stroke(a)}):i!=null&&l&&p.stroke(i))}function on(l,i){i instanceof Map?i.forEach((r,a)=>{p.fillStyle=wl=a,p.fill(r)}):i!=null&&l&&p.fill(i)}function fr(l,i,r,a){let f=I[l],g;if(a<=0)g=[0,0];else{let y=f._space=f.space(n,l,i,r,a),_=f._incrs=f.incrs(n,l,i,r,a,y);g=vc(i,r,_,a,y)}return f._found=g}function Hn(l,i,r,a,f,g,y,_,x,E){let L=y%2/2;M==1&&p.translate(L,L),Bs(_,y,x,E,_),p.beginPath();let C,B,ie,ne,Q=f+(a==0||a==3?-g:g);r==0?(B=f,ne=Q):(C=f,ie=Q);for(let U=0;U<l.length;U++)i[U]!=null&&(r==0?C=ie=l[U]:B=ne=l[U],p.moveTo(C,B),p.lineTo(ie,ne));p.stroke(),M==1&&p.translate(-L,-L)}function dr(l){let i=!0;return I.forEach((r,a)=>{if(!r.show)return;let f=A[r.scale];if(f.min==null){r._show&&(i=!1,r._show=!1,bl(!1));return}else r._show||(i=!1,r._show=!0,bl(!1));let g=r.side,y=g%2,{min:_,max:x}=f,[E,L]=fr(a,_,x,y==0?j:P);if(L==0)return;let C=f.distr==2,B=r._splits=r.splits(n,a,_,x,E,L,C),ie=f.distr==2?B.map(N=>gt[N]):B,ne=f.distr==2?gt[B[1]]-gt[B[0]]:E,Q=r._values=r.values(n,r.filter(n,ie,a,L,ne),a,L,ne);r._rotate=g==2?r.rotate(n,Q,a,L):0;let U=r._size;r._size=pt(r.size(n,Q,a,l)),U!=null&&r._size!=U&&(i=!1)}),i}function pr(l){let i=!0;return Us.forEach((r,a)=>{let f=r(n,a,qt,l);f!=Nt[a]&&(i=!1),Nt[a]=f}),i}function hr(){for(let l=0;l<I.length;l++){let i=I[l];if(!i.show||!i._show)continue;let r=i.side,a=r%2,f,g,y=i.stroke(n,l),_=r==0||r==3?-1:1,[x,E]=i._found;if(i.label!=null){let Be=i.labelGap*_,et=Me((i._lpos+Be)*oe);$s(i.labelFont[0],y,"center",r==2?"top":gi),p.save(),a==1?(f=g=0,p.translate(et,Me(rt+mt/2)),p.rotate((r==3?-pn:pn)/2)):(f=Me(Ze+Ke/2),g=et);let Qt=io(i.label)?i.label(n,l,x,E):i.label;p.fillText(Qt,f,g),p.restore()}if(E==0)continue;let L=A[i.scale],C=a==0?Ke:mt,B=a==0?Ze:rt,ie=i._splits,ne=L.distr==2?ie.map(Be=>gt[Be]):ie,Q=L.distr==2?gt[ie[1]]-gt[ie[0]]:x,U=i.ticks,N=i.border,ge=U.show?U.size:0,xe=Me(ge*oe),Ve=Me((i.alignTo==2?i._size-ge-i.gap:i.gap)*oe),ue=i._rotate*-pn/180,Se=R(i._pos*oe),Qe=(xe+Ve)*_,Ge=Se+Qe;g=a==0?Ge:0,f=a==1?Ge:0;let ut=i.font[0],wt=i.align==1?El:i.align==2?Zn:ue>0?El:ue<0?Zn:a==0?"center":r==3?Zn:El,Et=ue||a==1?"middle":r==2?"top":gi;$s(ut,y,wt,Et);let Xe=i.font[1]*i.lineGap,ft=ie.map(Be=>R(d(Be,L,C,B))),bt=i._values;for(let Be=0;Be<bt.length;Be++){let et=bt[Be];if(et!=null){a==0?f=ft[Be]:g=ft[Be],et=""+et;let Qt=et.indexOf(`
`)==-1?[et]:et.split(/\n/gm);for(let $e=0;$e<Qt.length;$e++){let hi=Qt[$e];ue?(p.save(),p.translate(f,g+$e*Xe),p.rotate(ue),p.fillText(hi,0,0),p.restore()):p.fillText(hi,f,g+$e*Xe)}}}U.show&&Hn(ft,U.filter(n,ne,l,E,Q),a,r,Se,xe,de(U.width*oe,3),U.stroke(n,l),U.dash,U.cap);let Mt=i.grid;Mt.show&&Hn(ft,Mt.filter(n,ne,l,E,Q),a,a==0?2:1,a==0?rt:Ze,a==0?mt:Ke,de(Mt.width*oe,3),Mt.stroke(n,l),Mt.dash,Mt.cap),N.show&&Hn([Se],[1],a==0?1:0,a==0?1:2,a==1?rt:Ze,a==1?mt:Ke,de(N.width*oe,3),N.stroke(n,l),N.dash,N.cap)}ze("drawAxes")}function bl(l){v.forEach((i,r)=>{r>0&&(i._paths=null,l&&(o==1?(i.min=null,i.max=null):i.facets.forEach(a=>{a.min=null,a.max=null})))})}let rn=!1,Wn=!1,Hl=[];function mr(){Wn=!1;for(let l=0;l<Hl.length;l++)ze(...Hl[l]);Hl.length=0}function yl(){rn||(ha(Js),rn=!0)}function gr(l,i=!1){rn=!0,Wn=i,l(n),Js(),i&&Hl.length>0&&queueMicrotask(mr)}n.batch=gr;function Js(){if(Mn&&(rr(),Mn=!1),dl&&(er(),dl=!1),en){if(we(k,El,pe),we(k,"top",Ee),we(k,Yl,j),we(k,jl,P),we(S,El,pe),we(S,"top",Ee),we(S,Yl,j),we(S,jl,P),we(w,Yl,Ct),we(w,jl,Bt),b.width=Me(Ct*oe),b.height=Me(Bt*oe),I.forEach(({_el:l,_show:i,_size:r,_pos:a,side:f})=>{if(l!=null)if(i){let g=f===3||f===0?r:0,y=f%2==1;we(l,y?"left":"top",a-g),we(l,y?"width":"height",r),we(l,y?"top":"left",y?Ee:pe),we(l,y?"height":"width",y?P:j),os(l,tl)}else tt(l,tl)}),nn=wl=Cn=Rn=zn=Vn=Nn=On=Dn=null,qe=1,Gl(!0),pe!=fl||Ee!=$t||j!=St||P!=Yt){bl(!1);let l=j/St,i=P/Yt;if(We&&!jt&&V.left>=0){V.left*=l,V.top*=i,_l&&Lt(_l,Me(V.left),0,j,P),vl&&Lt(vl,0,Me(V.top),j,P);for(let r=0;r<ct.length;r++){let a=ct[r];a!=null&&(ml[r]*=l,gl[r]*=i,Lt(a,pt(ml[r]),pt(gl[r]),j,P))}}if(me.show&&!tn&&me.left>=0&&me.width>0){me.left*=l,me.width*=l,me.top*=i,me.height*=i;for(let r in jn)we(kl,r,me[r])}fl=pe,$t=Ee,St=j,Yt=P}ze("setSize"),en=!1}Ct>0&&Bt>0&&(p.clearRect(0,0,b.width,b.height),ze("drawClear"),Y.forEach(l=>l()),ze("draw")),me.show&&tn&&(an(me),tn=!1),We&&jt&&(Zt(null,!0,!1),jt=!1),Z.show&&Z.live&&at&&($n(),at=!1),h||(h=!0,n.status=1,ze("ready")),Il=!1,rn=!1}n.redraw=(l,i)=>{dl=i||!1,l!==!1?Ft(D,T.min,T.max):yl()};function Un(l,i){let r=A[l];if(r.from==null){if(Oe==0){let a=r.range(n,i.min,i.max,l);i.min=a[0],i.max=a[1]}if(i.min>i.max){let a=i.min;i.min=i.max,i.max=a}if(Oe>1&&i.min!=null&&i.max!=null&&i.max-i.min<1e-16)return;l==D&&r.distr==2&&Oe>0&&(i.min=_t(i.min,t[0]),i.max=_t(i.max,t[0]),i.min==i.max&&i.max++),F[l]=i,Mn=!0,yl()}}n.setScale=Un;let Gn,Bn,_l,vl,Zs,Qs,xl,Sl,Xs,ei,he,_e,Ot=!1,Fe=V.drag,De=Fe.x,Re=Fe.y;We&&(V.x&&(Gn=dt(Fr,S)),V.y&&(Bn=dt(Ir,S)),T.ori==0?(_l=Gn,vl=Bn):(_l=Bn,vl=Gn),he=V.left,_e=V.top);let me=n.select=Ae({show:!0,over:!0,left:0,width:0,top:0,height:0},e.select),kl=me.show?dt(Or,me.over?S:k):null;function an(l,i){if(me.show){for(let r in l)me[r]=l[r],r in jn&&we(kl,r,l[r]);i!==!1&&ze("setSelect")}}n.setSelect=an;function wr(l){if(v[l].show)Te&&os(ve[l],tl);else if(Te&&tt(ve[l],tl),We){let r=hl?ct[0]:ct[l];r!=null&&Lt(r,-10,-10,j,P)}}function Ft(l,i,r){Un(l,{min:i,max:r})}function At(l,i,r,a){i.focus!=null&&xr(l),i.show!=null&&v.forEach((f,g)=>{g>0&&(l==g||l==null)&&(f.show=i.show,wr(g),o==2?(Ft(f.facets[0].scale,null,null),Ft(f.facets[1].scale,null,null)):Ft(f.scale,null,null),yl())}),r!==!1&&ze("setSeries",l,i),a&&Bl("setSeries",n,l,i)}n.setSeries=At;function br(l,i){Ae(q[l],i)}function yr(l,i){l.fill=ee(l.fill||null),l.dir=se(l.dir,-1),i=i??q.length,q.splice(i,0,l)}function _r(l){l==null?q.length=0:q.splice(l,1)}n.addBand=yr,n.setBand=br,n.delBand=_r;function vr(l,i){v[l].alpha=i,We&&ct[l]!=null&&(ct[l].style.opacity=i),Te&&ve[l]&&(ve[l].style.opacity=i)}let Dt,It,Jt,Al={focus:!0};function xr(l){if(l!=Jt){let i=l==null,r=kt.alpha!=1;v.forEach((a,f)=>{if(o==1||f>0){let g=i||f==0||f==l;a._focus=i?null:g,r&&vr(f,g?1:kt.alpha)}}),Jt=l,r&&yl()}}Te&&pl&&Ue(_i,re,l=>{V._lock||(Kt(l),Jt!=null&&At(null,Al,!0,ke.setSeries))});function Tt(l,i,r){let a=A[i];r&&(l=l/oe-(a.ori==1?Ee:pe));let f=j;a.ori==1&&(f=P,l=f-l),a.dir==-1&&(l=f-l);let g=a._min,y=a._max,_=l/f,x=g+(y-g)*_,E=a.distr;return E==3?Pl(10,x):E==4?la(x,a.asinh):E==100?a.bwd(x):x}function Sr(l,i){let r=Tt(l,D,i);return _t(r,t[0],Pe,Ce)}n.valToIdx=l=>_t(l,t[0]),n.posToIdx=Sr,n.posToVal=Tt,n.valToPos=(l,i,r)=>A[i].ori==0?c(l,A[i],r?Ke:j,r?Ze:0):u(l,A[i],r?mt:P,r?rt:0),n.setCursor=(l,i,r)=>{he=l.left,_e=l.top,Zt(null,i,r)};function ti(l,i){we(kl,El,me.left=l),we(kl,Yl,me.width=i)}function li(l,i){we(kl,"top",me.top=l),we(kl,jl,me.height=i)}let Wl=T.ori==0?ti:li,Ul=T.ori==1?ti:li;function kr(){if(Te&&Z.live)for(let l=o==2?1:0;l<v.length;l++){if(l==0&&ot)continue;let i=Z.values[l],r=0;for(let a in i)xt[l][r++].firstChild.nodeValue=i[a]}}function $n(l,i){if(l!=null&&(l.idxs?l.idxs.forEach((r,a)=>{ce[a]=r}):oa(l.idx)||ce.fill(l.idx),Z.idx=ce[0]),Te&&Z.live){for(let r=0;r<v.length;r++)(r>0||o==1&&!ot)&&Ar(r,ce[r]);kr()}at=!1,i!==!1&&ze("setLegend")}n.setLegend=$n;function Ar(l,i){let r=v[l],a=l==0&&K==2?gt:t[l],f;ot?f=r.values(n,l,i)??Vt:(f=r.value(n,i==null?null:a[i],l,i),f=f==null?Vt:{_:f}),Z.values[l]=f}function Zt(l,i,r){Xs=he,ei=_e,[he,_e]=V.move(n,he,_e),V.left=he,V.top=_e,We&&(_l&&Lt(_l,Me(he),0,j,P),vl&&Lt(vl,0,Me(_e),j,P));let a,f=Pe>Ce;Dt=fe,It=null;let g=T.ori==0?j:P,y=T.ori==1?j:P;if(he<0||Oe==0||f){a=V.idx=null;for(let _=0;_<v.length;_++){let x=ct[_];x!=null&&Lt(x,-10,-10,j,P)}pl&&At(null,Al,!0,l==null&&ke.setSeries),Z.live&&(ce.fill(a),at=!0)}else{let _,x,E;o==1&&(_=T.ori==0?he:_e,x=Tt(_,D),a=V.idx=_t(x,t[0],Pe,Ce),E=z(t[0][a],T,g,0));let L=-10,C=-10,B=0,ie=0,ne=!0,Q="",U="";for(let N=o==2?1:0;N<v.length;N++){let ge=v[N],xe=ce[N],Ve=xe==null?null:o==1?t[N][xe]:t[N][1][xe],ue=V.dataIdx(n,N,a,x),Se=ue==null?null:o==1?t[N][ue]:t[N][1][ue];if(at=at||Se!=Ve||ue!=xe,ce[N]=ue,N>0&&ge.show){let Qe=ue==null?-10:ue==a?E:z(o==1?t[0][ue]:t[N][0][ue],T,g,0),Ge=Se==null?-10:G(Se,o==1?A[ge.scale]:A[ge.facets[1].scale],y,0);if(pl&&Se!=null){let ut=T.ori==1?he:_e,wt=Le(kt.dist(n,N,ue,Ge,ut));if(wt<Dt){let Et=kt.bias;if(Et!=0){let Xe=Tt(ut,ge.scale),ft=Se>=0?1:-1,bt=Xe>=0?1:-1;bt==ft&&(bt==1?Et==1?Se>=Xe:Se<=Xe:Et==1?Se<=Xe:Se>=Xe)&&(Dt=wt,It=N)}else Dt=wt,It=N}}if(at||hl){let ut,wt;T.ori==0?(ut=Qe,wt=Ge):(ut=Ge,wt=Qe);let Et,Xe,ft,bt,Mt,Be,et=!0,Qt=He.bbox;if(Qt!=null){et=!1;let $e=Qt(n,N);ft=$e.left,bt=$e.top,Et=$e.width,Xe=$e.height}else ft=ut,bt=wt,Et=Xe=He.size(n,N);if(Be=He.fill(n,N),Mt=He.stroke(n,N),hl)N==It&&Dt<=kt.prox&&(L=ft,C=bt,B=Et,ie=Xe,ne=et,Q=Be,U=Mt);else{let $e=ct[N];$e!=null&&(ml[N]=ft,gl[N]=bt,Ei($e,Et,Xe,et),Ai($e,Be,Mt),Lt($e,pt(ft),pt(bt),j,P))}}}}if(hl){let N=kt.prox,ge=Jt==null?Dt<=N:Dt>N||It!=Jt;if(at||ge){let xe=ct[0];xe!=null&&(ml[0]=L,gl[0]=C,Ei(xe,B,ie,ne),Ai(xe,Q,U),Lt(xe,pt(L),pt(C),j,P))}}}if(me.show&&Ot)if(l!=null){let[_,x]=ke.scales,[E,L]=ke.match,[C,B]=l.cursor.sync.scales,ie=l.cursor.drag;if(De=ie._x,Re=ie._y,De||Re){let{left:ne,top:Q,width:U,height:N}=l.select,ge=l.scales[C].ori,xe=l.posToVal,Ve,ue,Se,Qe,Ge,ut=_!=null&&E(_,C),wt=x!=null&&L(x,B);ut&&De?(ge==0?(Ve=ne,ue=U):(Ve=Q,ue=N),Se=A[_],Qe=z(xe(Ve,C),Se,g,0),Ge=z(xe(Ve+ue,C),Se,g,0),Wl(vt(Qe,Ge),Le(Ge-Qe))):Wl(0,g),wt&&Re?(ge==1?(Ve=ne,ue=U):(Ve=Q,ue=N),Se=A[x],Qe=G(xe(Ve,B),Se,y,0),Ge=G(xe(Ve+ue,B),Se,y,0),Ul(vt(Qe,Ge),Le(Ge-Qe))):Ul(0,y)}else Kn()}else{let _=Le(Xs-Zs),x=Le(ei-Qs);if(T.ori==1){let B=_;_=x,x=B}De=Fe.x&&_>=Fe.dist,Re=Fe.y&&x>=Fe.dist;let E=Fe.uni;E!=null?De&&Re&&(De=_>=E,Re=x>=E,!De&&!Re&&(x>_?Re=!0:De=!0)):Fe.x&&Fe.y&&(De||Re)&&(De=Re=!0);let L,C;De&&(T.ori==0?(L=xl,C=he):(L=Sl,C=_e),Wl(vt(L,C),Le(C-L)),Re||Ul(0,y)),Re&&(T.ori==1?(L=xl,C=he):(L=Sl,C=_e),Ul(vt(L,C),Le(C-L)),De||Wl(0,g)),!De&&!Re&&(Wl(0,0),Ul(0,0))}if(Fe._x=De,Fe._y=Re,l==null){if(r){if(pi!=null){let[_,x]=ke.scales;ke.values[0]=_!=null?Tt(T.ori==0?he:_e,_):null,ke.values[1]=x!=null?Tt(T.ori==1?he:_e,x):null}Bl(Qn,n,he,_e,j,P,a)}if(pl){let _=r&&ke.setSeries,x=kt.prox;Jt==null?Dt<=x&&At(It,Al,!0,_):Dt>x?At(null,Al,!0,_):It!=Jt&&At(It,Al,!0,_)}}at&&(Z.idx=a,$n()),i!==!1&&ze("setCursor")}let Ht=null;Object.defineProperty(n,"rect",{get(){return Ht==null&&Gl(!1),Ht}});function Gl(l=!1){l?Ht=null:(Ht=S.getBoundingClientRect(),ze("syncRect",Ht))}function ni(l,i,r,a,f,g,y){V._lock||Ot&&l!=null&&l.movementX==0&&l.movementY==0||(Yn(l,i,r,a,f,g,y,!1,l!=null),l!=null?Zt(null,!0,!0):Zt(i,!0,!1))}function Yn(l,i,r,a,f,g,y,_,x){if(Ht==null&&Gl(!1),Kt(l),l!=null)r=l.clientX-Ht.left,a=l.clientY-Ht.top;else{if(r<0||a<0){he=-10,_e=-10;return}let[E,L]=ke.scales,C=i.cursor.sync,[B,ie]=C.values,[ne,Q]=C.scales,[U,N]=ke.match,ge=i.axes[0].side%2==1,xe=T.ori==0?j:P,Ve=T.ori==1?j:P,ue=ge?g:f,Se=ge?f:g,Qe=ge?a:r,Ge=ge?r:a;if(ne!=null?r=U(E,ne)?d(B,A[E],xe,0):-10:r=xe*(Qe/ue),Q!=null?a=N(L,Q)?d(ie,A[L],Ve,0):-10:a=Ve*(Ge/Se),T.ori==1){let ut=r;r=a,a=ut}}x&&(i==null||i.cursor.event.type==Qn)&&((r<=1||r>=j-1)&&(r=Xt(r,j)),(a<=1||a>=P-1)&&(a=Xt(a,P))),_?(Zs=r,Qs=a,[xl,Sl]=V.move(n,r,a)):(he=r,_e=a)}let jn={width:0,height:0,left:0,top:0};function Kn(){an(jn,!1)}let si,ii,oi,ri;function ai(l,i,r,a,f,g,y){Ot=!0,De=Re=Fe._x=Fe._y=!1,Yn(l,i,r,a,f,g,y,!0,!1),l!=null&&(Ue(Xn,ss,ci,!1),Bl(bi,n,xl,Sl,j,P,null));let{left:_,top:x,width:E,height:L}=me;si=_,ii=x,oi=E,ri=L}function ci(l,i,r,a,f,g,y){Ot=Fe._x=Fe._y=!1,Yn(l,i,r,a,f,g,y,!1,!0);let{left:_,top:x,width:E,height:L}=me,C=E>0||L>0,B=si!=_||ii!=x||oi!=E||ri!=L;if(C&&B&&an(me),Fe.setScale&&C&&B){let ie=_,ne=E,Q=x,U=L;if(T.ori==1&&(ie=x,ne=L,Q=_,U=E),De&&Ft(D,Tt(ie,D),Tt(ie+ne,D)),Re)for(let N in A){let ge=A[N];N!=D&&ge.from==null&&ge.min!=fe&&Ft(N,Tt(Q+U,N),Tt(Q,N))}Kn()}else V.lock&&(V._lock=!V._lock,Zt(i,!0,l!=null));l!=null&&(ul(Xn,ss),Bl(Xn,n,he,_e,j,P,null))}function Tr(l,i,r,a,f,g,y){if(V._lock)return;Kt(l);let _=Ot;if(Ot){let x=!0,E=!0,L=10,C,B;T.ori==0?(C=De,B=Re):(C=Re,B=De),C&&B&&(x=he<=L||he>=j-L,E=_e<=L||_e>=P-L),C&&x&&(he=he<xl?0:j),B&&E&&(_e=_e<Sl?0:P),Zt(null,!0,!0),Ot=!1}he=-10,_e=-10,ce.fill(null),Zt(null,!0,!0),_&&(Ot=_)}function ui(l,i,r,a,f,g,y){V._lock||(Kt(l),Pn(),Kn(),l!=null&&Bl(vi,n,he,_e,j,P,null))}function fi(){I.forEach(xc),Ln(n.width,n.height,!0)}ll(hn,Ll,fi);let Tl={};Tl.mousedown=ai,Tl.mousemove=ni,Tl.mouseup=ci,Tl.dblclick=ui,Tl.setSeries=(l,i,r,a)=>{let f=ke.match[2];r=f(n,i,r),r!=-1&&At(r,a,!0,!1)},We&&(Ue(bi,S,ai),Ue(Qn,S,ni),Ue(yi,S,l=>{Kt(l),Gl(!1)}),Ue(_i,S,Tr),Ue(vi,S,ui),ds.add(n),n.syncRect=Gl);let cn=n.hooks=e.hooks||{};function ze(l,i,r){Wn?Hl.push([l,i,r]):l in cn&&cn[l].forEach(a=>{a.call(null,n,i,r)})}(e.plugins||[]).forEach(l=>{for(let i in l.hooks)cn[i]=(cn[i]||[]).concat(l.hooks[i])});let di=(l,i,r)=>r,ke=Ae({key:null,setSeries:!1,filters:{pub:Di,sub:Di},scales:[D,v[1]?v[1].scale:null],match:[Ri,Ri,di],values:[null,null]},V.sync);ke.match.length==2&&ke.match.push(di),V.sync=ke;let pi=ke.key,qn=Po(pi);function Bl(l,i,r,a,f,g,y){ke.filters.pub(l,i,r,a,f,g,y)&&qn.pub(l,i,r,a,f,g,y)}qn.sub(n);function Er(l,i,r,a,f,g,y){ke.filters.sub(l,i,r,a,f,g,y)&&Tl[l](null,i,r,a,f,g,y)}n.pub=Er;function Mr(){qn.unsub(n),ds.delete(n),Gt.clear(),rs(hn,Ll,fi),m.remove(),re?.remove(),ze("destroy")}n.destroy=Mr;function Jn(){ze("init",e,t),Gs(t||e.data,!1),F[D]?Un(D,F[D]):Pn(),tn=me.show&&(me.width>0||me.height>0),jt=at=!0,Ln(e.width,e.height)}return v.forEach(Ws),I.forEach(or),s?s instanceof HTMLElement?(s.appendChild(m),Jn()):s(n,Jn):Jn(),n}Ie.assign=Ae;Ie.fmtNum=ys;Ie.rangeNum=mn;Ie.rangeLog=bn;Ie.rangeAsinh=ws;Ie.orient=sl;Ie.pxRatio=oe;Ie.join=pa;Ie.fmtDate=vs,Ie.tzDate=ka;Ie.sync=Po;{Ie.addGap=oc,Ie.clipGaps=vn;let e=Ie.paths={points:No};e.linear=Fo,e.stepped=cc,e.bars=uc,e.spline=dc}var Uo='.uplot, .uplot *, .uplot *::before, .uplot *::after {box-sizing: border-box;}.uplot {font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji";line-height: 1.5;width: min-content;}.u-title {text-align: center;font-size: 18px;font-weight: bold;}.u-wrap {position: relative;user-select: none;}.u-over, .u-under {position: absolute;}.u-under {overflow: hidden;}.uplot canvas {display: block;position: relative;width: 100%;height: 100%;}.u-axis {position: absolute;}.u-legend {font-size: 14px;margin: auto;text-align: center;}.u-inline {display: block;}.u-inline * {display: inline-block;}.u-inline tr {margin-right: 16px;}.u-legend th {font-weight: 600;}.u-legend th > * {vertical-align: middle;display: inline-block;}.u-legend .u-marker {width: 1em;height: 1em;margin-right: 4px;background-clip: padding-box !important;}.u-inline.u-live th::after {content: ":";vertical-align: middle;}.u-inline:not(.u-live) .u-value {display: none;}.u-series > * {padding: 4px;}.u-series th {cursor: pointer;}.u-legend .u-off > * {opacity: 0.3;}.u-select {background: rgba(0,0,0,0.07);position: absolute;pointer-events: none;}.u-cursor-x, .u-cursor-y {position: absolute;left: 0;top: 0;pointer-events: none;will-change: transform;}.u-hz .u-cursor-x, .u-vt .u-cursor-y {height: 100%;border-right: 1px dashed #607D8B;}.u-hz .u-cursor-y, .u-vt .u-cursor-x {width: 100%;border-bottom: 1px dashed #607D8B;}.u-cursor-pt {position: absolute;top: 0;left: 0;border-radius: 50%;border: 0 solid;pointer-events: none;will-change: transform;/*this has to be !important since we set inline "background" shorthand */background-clip: padding-box !important;}.u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off {display: none;}';var Go=`/* Styles of <activity-dashboard>, adopted into its shadow root by widget.js.
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
.periods button:focus-visible,
a:focus-visible {
  outline: 2px solid var(--ad-accent);
  outline-offset: 2px;
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
a.text:hover {
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
`;var Bo="activity-dashboard",Ac=(()=>{try{return new URL(document.currentScript.src).origin+"/"}catch{return new URL("/",location.href).href}})(),Tc=[["realtime","Realtime"],["today","Today"],["7d","7 days"],["30d","30 days"]],Ec={realtime:"Realtime",today:"Today","7d":"Last 7 days","30d":"Last 30 days"},Mc=1e3,Lc=3e4,Pc=new Set([400,401,403,404]),qo=10,Cc=20,Ne=e=>typeof e=="number"&&Number.isFinite(e)?e:0,Jo=e=>typeof e=="number"&&Number.isFinite(e),st=e=>e==null?"":String(e),rl=e=>e!==null&&typeof e=="object"&&!Array.isArray(e),En=e=>Array.isArray(e)?e.filter(rl):[];function Zo(e){return Array.isArray(e)?e.filter(t=>Array.isArray(t)&&t.length>=2).map(([t,s])=>[st(t),Ne(s)]):[]}var Ms=[["",1],["k",1e3],["M",1e6],["B",1e9]];function it(e){let t=Math.round(Ne(e));for(let s=0;s<Ms.length;s++){let[n,o]=Ms[s],c=t/o,u=s===0?String(t):Math.abs(c)<10?c.toFixed(1).replace(/\.0$/,""):String(Math.round(c));if(Math.abs(parseFloat(u))<1e3||s===Ms.length-1)return u+n}return String(t)}function Ps(e){let t=Math.round(Ne(e));return t<60?`${t}s`:t<3600?`${Math.floor(t/60)}m ${t%60}s`:`${Math.floor(t/3600)}h ${Math.floor(t%3600/60)}m`}var $o=e=>`${Math.round(Ne(e)*100)}%`,Yo=e=>String(Math.round(Ne(e)*100)/100),ol=e=>Math.round(Ne(e)).toLocaleString(),Vs=e=>{let t=new Date(Ne(e));return Number.isNaN(t.getTime())?null:t};function Cs(e){let t=Vs(e);return t?t.toLocaleTimeString([],{hour:"2-digit",minute:"2-digit",second:"2-digit"}):""}var Ds=e=>e.charAt(0).toUpperCase()+e.slice(1),Ls=null;function Dc(e){if(!/^[A-Z]{2}$/.test(e))return e;try{return Ls??(Ls=new Intl.DisplayNames([],{type:"region"})),Ls.of(e)||e}catch{return e}}function Rc(e){try{let t=new URL(e);return t.protocol==="http:"||t.protocol==="https:"?t.href:null}catch{return null}}function jo(e,t){let s=En(e.series),n=Ne(e.ts),o=s.length-1;if(o<0)return 0;let c=s[o],u=(n-Ne(c.t))/6e4;if(u<0||u>=1)return Ne(c[t]);let d=o>0?Ne(s[o-1][t]):0;return Ne(c[t])+d*(1-u)}function H(e,t={},...s){let n=document.createElement(e);for(let[o,c]of Object.entries(t))c==null||c===!1||n.setAttribute(o,c===!0?"":String(c));return n.append(...s.flat().filter(o=>o!=null&&o!==!1)),n}function Ql(e,t){e.textContent!==t&&(e.textContent=t)}function Tn(e,t){e.getAttribute("title")!==t&&e.setAttribute("title",t)}function zc(e,t=e){let s=Rc(e);return s?H("a",{class:"text",href:s,target:"_blank",rel:"noopener noreferrer",title:e},t):H("span",{class:"text",title:e},t)}var Rs=class{constructor(t,s,n){this.base=t,this.params=s,this.handlers=n,this.lastEventId="",this.failures=0,this.source=null,this.timer=0,this.stopped=!1}url(t,s={}){let n=new URL(t,this.base);for(let[o,c]of Object.entries({...this.params,...s}))c&&n.searchParams.set(o,c);return n.href}start(){this.stopped=!1,this.open()}stop(){this.stopped=!0,clearTimeout(this.timer),this.source?.close(),this.source=null}open(){let t=new EventSource(this.url("api/stream",{last_event_id:this.lastEventId}));this.source=t,this.handlers.status(this.failures?"reconnecting":"connecting"),t.addEventListener("snapshot",s=>{s.lastEventId&&(this.lastEventId=s.lastEventId);let n;try{n=JSON.parse(s.data)}catch{return}rl(n)&&(this.failures=0,this.handlers.status("live"),this.handlers.snapshot(n))}),t.addEventListener("error",()=>{if(this.source===t){if(t.readyState!==EventSource.CLOSED){this.handlers.status("reconnecting");return}t.close(),this.source=null,this.recover()}})}async recover(){this.handlers.status("reconnecting");let s=Math.min(Lc,Mc*2**this.failures++)*(.8+Math.random()*.4);try{let n=await fetch(this.url("api/snapshot"),{cache:"no-store",credentials:"omit"});if(this.stopped)return;if(Pc.has(n.status)){this.handlers.fatal(await Vc(n));return}if(n.ok){let c=await n.json();rl(c)&&!this.stopped&&this.handlers.snapshot(c)}let o=Number(n.headers.get("Retry-After"));o>0&&(s=Math.max(s,o*1e3))}catch{}this.stopped||(this.timer=setTimeout(()=>this.open(),s))}};async function Vc(e){let t="";try{let n=await e.json();t=rl(n)?st(n.error):""}catch{}let s={401:"a token is required",403:"the token was refused",404:"not found"}[e.status];return`${t||s||"request refused"} (HTTP ${e.status})`}function Ns(e,t,s=-1){let n=t.map((o,c)=>{let u=H("dd",{class:"value"},"—"),d=H("div",{class:"stat"},H("dt",{},o.label),u);return c===s&&(d.setAttribute("aria-live","polite"),d.setAttribute("aria-atomic","true")),{stat:o,value:u}});return e.append(H("dl",{class:"stats"},n.map(({value:o})=>o.parentElement))),{update(o){for(let{stat:c,value:u}of n){let d=c.value(o);Ql(u,d===void 0?"—":c.format(d)),Tn(u,d===void 0?"":c.title?c.title(d):ol(d))}}}}var il=e=>t=>{let s=rl(t.totals)?t.totals:{};return Jo(s[e])?s[e]:void 0};function Nc(e){return Ns(e,[{label:"Current visitors",value:t=>Ne(t.current_visitors),format:it},{label:"Events / min",value:t=>jo(t,"events"),format:it},{label:"Pageviews / min",value:t=>jo(t,"pageviews"),format:it}],0)}function Oc(e,t){let s=Ns(e,[{label:"Unique visitors",value:il("visitors"),format:it},{label:"Visits",value:il("visits"),format:it},{label:"Pageviews",value:il("pageviews"),format:it},{label:"Events",value:il("events"),format:it},{label:"Bounce rate",value:il("bounce_rate"),format:$o,title:$o},{label:"Visit duration",value:il("visit_duration_s"),format:Ps,title:Ps},{label:"Pages / visit",value:il("pages_per_visit"),format:Yo,title:Yo}]);return{update(n){let o=st(n.period);Ql(t,Ec[o]||(o?Ds(o):"Totals")),s.update(n)}}}function Fc(e){let t=o=>c=>{let u=rl(c.engagement)?c.engagement:{};return Jo(u[o])?u[o]:void 0},s=o=>Ps(o/1e3),n=o=>`${Math.round(o)}%`;return Ns(e,[{label:"Time on page",value:t("avg_time_ms"),format:s,title:s},{label:"Scroll depth",value:t("avg_scroll"),format:n,title:n}])}function Qo(){return H("p",{class:"empty"},"No data yet")}function Os(e,t){let s=H("tbody");return{el:H("table",{"aria-labelledby":e},H("thead",{},H("tr",{},t.map(o=>H("th",{scope:"col"},o)))),s),body:s}}function Ic(e,t,s){let{el:n,body:o}=Os(s,t.cols),c=Qo();e.append(n,c);let u=t.label||(d=>d);return{update(d){let h=Zo(d[t.key]).slice(0,qo),m=Math.max(1,...h.map(([,b])=>b));for(n.hidden=h.length===0,c.hidden=h.length>0;o.rows.length>h.length;)o.lastElementChild.remove();h.forEach(([b,p],w)=>{let k=o.rows[w];k||(k=H("tr",{},H("td",{class:"label"},H("span",{class:"bar","aria-hidden":"true"})),H("td",{class:"count"})),o.append(k));let[S,M]=k.cells;if(k.dataset.key!==b){k.dataset.key=b,S.querySelector(".text")?.remove();let R=u(b)||"(none)";S.append(t.link?zc(b,R.replace(/^https?:\/\//,"")):H("span",{class:"text",title:b},R))}S.firstElementChild.style.width=`${(p/m*100).toFixed(1)}%`,Ql(M,it(p)),Tn(M,ol(p))})}}}function Hc(e,t){let{el:s,body:n}=Os(t,["Goal","Visitors","Count"]),o=Qo();e.append(s,o);let c="";return{update(u){let d=En(u.goals).slice(0,qo);s.hidden=d.length===0,o.hidden=d.length>0;let h=JSON.stringify(d);if(h===c)return;c=h;let m=[];for(let b of d){m.push(H("tr",{class:"goal"},H("td",{class:"label"},H("span",{class:"text",title:st(b.name)},st(b.name))),H("td",{class:"count",title:ol(b.visitors)},it(b.visitors)),H("td",{class:"count",title:ol(b.count)},it(b.count))));let p=rl(b.props)?Object.entries(b.props):[];for(let[w,k]of p.slice(0,5))for(let[S,M]of Zo(k).slice(0,3)){let R=`${w}: ${S}`;m.push(H("tr",{class:"prop"},H("td",{class:"label"},H("span",{class:"text",title:R},R)),H("td",{class:"count",title:ol(M)},it(M)),H("td")))}}n.replaceChildren(...m)}}}function Wc(e,t){let{el:s,body:n}=Os(t,["Time","Event","Page","Details"]);s.classList.add("feed");let o=H("p",{class:"empty"},"Waiting for events…");e.append(s,o);let c=new Map,u=!0;return{update(d){let h=En(d.latest).slice(0,Cc);s.hidden=h.length===0,o.hidden=h.length>0;let m=new Map,b=h.map((p,w)=>{let k=st(p.type),S=st(p.path),M=st(p.name)||st(p.target)||st(p.title),R=st(p.id)||`${w}:${Ne(p.ts)}:${k}:${S}`,W=JSON.stringify([Ne(p.ts),k,S,M,st(p.title)]),v=c.get(R);return(!v||v.dataset.signature!==W)&&(v=H("tr",{class:u?"":"fresh"},H("td",{class:"time"},H("time",{datetime:Vs(p.ts)?.toISOString()},Cs(p.ts))),H("td",{},H("span",{class:"badge","data-type":k,title:k},k||"event")),H("td",{},H("span",{class:"text",title:st(p.title)||S},S)),H("td",{class:"detail"},H("span",{class:"text",title:M},M))),v.dataset.signature=W),m.set(R,v),v});c=m,u=!1,n.replaceChildren(...b)}}}var Ko=(e,t)=>t==null?"":it(t),Uc=[1,2,5,10,20,25,50,100,200,250,500,1e3,2e3,2500,5e3,1e4,2e4,5e4,1e5,2e5,5e5,1e6];function Gc(e,t,s){let n=H("div",{class:"chart",role:"img","aria-label":"Per-minute chart, waiting for data"});e.append(n);let o=s?240:180,c=null,u=null;function d(){let b=getComputedStyle(t),p=(w,k)=>b.getPropertyValue(w).trim()||k;return{events:p("--ad-accent","#4f46e5"),fill:p("--ad-chart-fill","rgba(79,70,229,.14)"),pageviews:p("--ad-accent-2","#0d9488"),axis:p("--ad-muted","#6b7280"),grid:p("--ad-border","#e5e7eb")}}function h(){c?.destroy(),c=null;let b=Math.floor(n.clientWidth);if(!b||!u)return;let p=d(),k={stroke:p.axis,font:"11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",ticks:{show:!1}};c=new Ie({width:b,height:o,padding:[12,8,0,0],cursor:{drag:{x:!1,y:!1},points:{size:7}},legend:{live:!0},hooks:{setLegend:[S=>n.classList.toggle("idle",S.legend.idx==null)]},scales:{y:{range:(S,M,R)=>[0,Math.max(4,R)]}},axes:[{...k,grid:{show:!1},space:60},{...k,size:42,incrs:Uc,grid:{stroke:p.grid,width:1},values:(S,M)=>M.map(it)}],series:[{label:"Time",value:(S,M)=>{let R=M==null?null:Vs(M*1e3);return R?R.toLocaleTimeString([],{hour:"2-digit",minute:"2-digit"}):""}},{label:"Events",stroke:p.events,fill:p.fill,width:2,points:{show:!1},value:Ko},{label:"Pageviews",stroke:p.pageviews,width:2,points:{show:!1},value:Ko}]},u,n)}let m=new ResizeObserver(()=>{let b=Math.floor(n.clientWidth);c?b&&b!==c.width&&c.setSize({width:b,height:o}):h()});return m.observe(n),{update(b){let p=En(b.series);u=[p.map(S=>Ne(S.t)/1e3),p.map(S=>Ne(S.events)),p.map(S=>Ne(S.pageviews))];let w=u[1].reduce((S,M)=>S+M,0),k=Math.max(0,...u[1]);n.setAttribute("aria-label",`Events per minute over the last ${p.length} minutes: ${ol(w)} in total, at most ${ol(k)} in one minute`),c?c.setData(u):h()},retheme:h,destroy(){m.disconnect(),c?.destroy()}}}var Fs={live:{title:"Right now",wide:!0,make:e=>Nc(e)},totals:{title:"Totals",wide:!0,make:(e,t)=>Oc(e,t.heading)},chart:{title:"Last 60 minutes",wide:!0,make:(e,t)=>Gc(e,t.host,t.full)},pages:{title:"Top pages",key:"top_pages",cols:["Page","Views"]},entry:{title:"Entry pages",key:"entry_pages",cols:["Page","Entrances"]},exit:{title:"Exit pages",key:"exit_pages",cols:["Page","Exits"]},referrers:{title:"Referrers",key:"referrers",cols:["Referrer","Visits"]},sources:{title:"Sources",key:"sources",cols:["Source","Visits"],label:Ds},utm_sources:{title:"UTM sources",key:"utm_sources",cols:["Source","Visits"]},utm_mediums:{title:"UTM mediums",key:"utm_mediums",cols:["Medium","Visits"]},utm_campaigns:{title:"UTM campaigns",key:"utm_campaigns",cols:["Campaign","Visits"]},goals:{title:"Goals",make:(e,t)=>Hc(e,t.headingId)},types:{title:"Event types",key:"event_types",cols:["Type","Events"]},browsers:{title:"Browsers",key:"browsers",cols:["Browser","Visits"]},os:{title:"Operating systems",key:"os",cols:["OS","Visits"]},devices:{title:"Devices",key:"devices",cols:["Device","Visits"],label:Ds},countries:{title:"Countries",key:"countries",cols:["Country","Visits"],label:Dc},outbound:{title:"Outbound links",key:"outbound",cols:["Link","Clicks"],link:!0},downloads:{title:"Downloads",key:"downloads",cols:["File","Clicks"],link:!0},engagement:{title:"Engagement",make:e=>Fc(e)},latest:{title:"Latest events",wide:!0,make:(e,t)=>Wc(e,t.headingId)}},Bc={utm:["utm_sources","utm_mediums","utm_campaigns"]},$c=["live","chart","pages","referrers","types","latest"],Yc=Object.keys(Fs);function jc(e,t){if(e==null||!e.trim())return t?Yc:$c;let s=e.toLowerCase().split(/[\s,]+/).flatMap(n=>Bc[n]||[n]).filter(n=>Object.hasOwn(Fs,n));return[...new Set(s)]}var An=null;function Kc(e){let t=Uo+Go;return"adoptedStyleSheets"in e&&typeof CSSStyleSheet.prototype.replaceSync=="function"?(An||(An=new CSSStyleSheet,An.replaceSync(t)),e.adoptedStyleSheets=[An],null):H("style",{},t)}var qc={connecting:"Connecting…",live:"Live",reconnecting:"Reconnecting…",error:"Error"},zs=class extends HTMLElement{static get observedAttributes(){return["site","api","token","period","panels","mode"]}constructor(){super(),this.attachShadow({mode:"open"}),this._style=Kc(this.shadowRoot),this._ready=!1,this._stream=null,this._panels=[],this._snapshot=null,this._frame=0,this._statusState="connecting",this._alertText="",this._colorScheme=null,this._onColorScheme=()=>this._panels.forEach(t=>t.retheme?.())}connectedCallback(){this.hasAttribute("from-location")&&this._readLocation(),this._ready=!0,this._build(),this._connect(),this._colorScheme=matchMedia("(prefers-color-scheme: dark)"),this._colorScheme.addEventListener("change",this._onColorScheme)}disconnectedCallback(){this._ready=!1,this._stream?.stop(),this._stream=null,cancelAnimationFrame(this._frame),this._frame=0,this._destroyPanels(),this._colorScheme?.removeEventListener("change",this._onColorScheme)}attributeChangedCallback(t,s,n){!this._ready||s===n||(t==="site"&&(this._snapshot=null),this._build(),this._snapshot&&this._render(),!(t==="panels"||t==="mode")&&(this._connect(),t==="period"&&this.hasAttribute("from-location")&&this._writeLocation()))}get _full(){return this.getAttribute("mode")==="full"}_readLocation(){let t=new URLSearchParams(location.search);for(let n of["site","token","period"]){let o=t.get(n);o&&!this.hasAttribute(n)&&this.setAttribute(n,o)}let s=this.getAttribute("site");s&&(document.title=`${s} · Activity dashboard`)}_writeLocation(){let t=new URL(location.href);t.searchParams.set("period",this.getAttribute("period")||""),history.replaceState(history.state,"",t)}_destroyPanels(){this._panels.forEach(t=>t.destroy?.()),this._panels=[]}_build(){this._destroyPanels();let t=this._full,s=this.getAttribute("site")||"",n=t?"h2":"h3";this._status=H("span",{class:"status",role:"status"},H("span",{class:"dot","aria-hidden":"true"}),H("span",{class:"label"}));let o=H("header",{class:"head"},H(t?"h1":"h2",{class:"site"},s||"No site"),this._status);t&&o.append(this._periodSelector()),this._alert=H("p",{class:"alert",role:"alert",hidden:!this._alertText},this._alertText);let c=H("div",{class:"grid"});for(let d of jc(this.getAttribute("panels"),t)){let h=Fs[d],m=`ad-${d}-heading`,b=H(n,{id:m},h.title),p=H("section",{class:`panel panel-${d}${h.wide?" wide":""}`,part:"panel","data-panel":d,"aria-labelledby":m},b);c.append(p);let w={host:this,full:t,heading:b,headingId:m};this._panels.push(h.make?h.make(p,w):Ic(p,h,m))}let u=H("div",{class:"root",part:"root"},H("div",{class:"inner"},o,this._alert,c));this.shadowRoot.replaceChildren(...[this._style,u].filter(Boolean)),this._setStatus(this._statusState)}_periodSelector(){let t=this.getAttribute("period")||"today";return H("div",{class:"periods",role:"group","aria-label":"Period"},Tc.map(([s,n])=>{let o=H("button",{type:"button","aria-pressed":String(s===t)},n);return o.addEventListener("click",()=>{this.getAttribute("period")!==s&&(this.setAttribute("period",s),this.dispatchEvent(new CustomEvent("periodchange",{detail:{period:s},bubbles:!0,composed:!0})))}),o}))}_connect(){this._stream?.stop(),this._stream=null;let t=this.getAttribute("site");if(!t){this._setStatus("error"),this._showAlert('Set the site attribute, e.g. <activity-dashboard site="example.com">.');return}let s;try{let o=this.getAttribute("api");s=o?new URL(o.endsWith("/")?o:`${o}/`,location.href).href:Ac}catch{this._setStatus("error"),this._showAlert("The api attribute is not a valid URL.");return}let n={site:t,token:this.getAttribute("token")||"",period:this.getAttribute("period")||""};this._stream=new Rs(s,n,{status:o=>this._setStatus(o),snapshot:o=>this._receive(o),fatal:o=>{this._setStatus("error"),this._showAlert(`Cannot show this dashboard: ${o}.`)}}),this._stream.start()}_setStatus(t){this._statusState=t,t!=="error"&&this._showAlert(""),this._status.dataset.state=t,Ql(this._status.lastElementChild,qc[t]),this._snapshot&&Tn(this._status,`Updated ${Cs(this._snapshot.ts)}`)}_showAlert(t){this._alertText=t,Ql(this._alert,t),this._alert.hidden=!t}_receive(t){this._snapshot=t,this._frame||(this._frame=requestAnimationFrame(()=>{this._frame=0,this._render()}))}_render(){let t=this._snapshot;for(let s of this._panels)s.update(t);Tn(this._status,`Updated ${Cs(t.ts)}`)}};customElements.get(Bo)||customElements.define(Bo,zs);})();

typedef unsigned int u32;
static long sc(long n, long a, long b, long c, long d, long e, long f){
  register long a0 asm("a0")=a, a1 asm("a1")=b, a2 asm("a2")=c, a3 asm("a3")=d, a4 asm("a4")=e, a5 asm("a5")=f, a7 asm("a7")=n;
  asm volatile("ecall":"+r"(a0):"r"(a1),"r"(a2),"r"(a3),"r"(a4),"r"(a5),"r"(a7):"memory"); return a0;}
static int len(const char*s){int n=0;while(s[n])n++;return n;}
static void puts_(const char*s){sc(64,1,(long)s,len(s),0,0,0);}
static void putn(long v){char b[16];int i=15;b[i]=0;int neg=v<0;unsigned long u=neg?-v:v;do{b[--i]='0'+u%10;u/=10;}while(u);if(neg)b[--i]='-';puts_(b+i);puts_("\n");}
int main(int argc, char**argv){
  puts_("argc "); putn(argc); for(int i=0;i<argc;i++){puts_(argv[i]);puts_("\n");}
  long b0=sc(214,0,0,0,0,0,0); long b1=sc(214,b0+100000,0,0,0,0,0); putn(b1-b0);
  char*p=(char*)b0; for(int i=0;i<100000;i++)p[i]=i; long s=0; for(int i=0;i<100000;i++)s+=p[i]; putn(s);
  long m=sc(222,0,1<<20,3,0x22,-1,0); int*q=(int*)m; q[1000]=5; putn(q[1000]+q[2000]); putn(sc(215,m,1<<20,0,0,0,0));
  int fd=sc(56,-100,(long)"t.txt",0x241,0644,0,0); putn(fd>=3); putn(sc(64,fd,(long)"abcdef",6,0,0,0)); sc(57,fd,0,0,0,0,0);
  fd=sc(56,-100,(long)"t.txt",0,0,0,0); long long off=0; putn(sc(62,fd,0,2,(long)&off,0,0)); putn((long)off);
  char buf[8]={0}; putn(sc(63,fd,(long)buf,4,0,0,0)); puts_(buf); puts_("\n"); putn(sc(57,fd,0,0,0,0,0)); putn(sc(57,fd,0,0,0,0,0));
  putn(sc(56,-100,(long)"nonexist",0,0,0,0));
  putn(sc(278,(long)buf,8,0,0,0,0));
  long long ts[2]; putn(sc(403,1,(long)ts,0,0,0,0)); putn(ts[1] < 1000000000LL);
  putn(sc(124,0,0,0,0,0,0)); putn(sc(9999,0,0,0,0,0,0));
  char un[390]; putn(sc(160,(long)un,0,0,0,0,0)); puts_(un); puts_(" "); puts_(un+65*4); puts_("\n");
  return 7;
}
void _start_c(long*sp){ int argc=*sp; char**argv=(char**)(sp+1); sc(93, main(argc,argv),0,0,0,0,0); }
asm(".globl _start\n_start: mv a0, sp\n j _start_c\n");

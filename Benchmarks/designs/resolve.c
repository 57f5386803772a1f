// A resolution of a 2-(v, k, 1) design by exact cover (Knuth's dancing links): the
// search that resolved the 65-player design stored in Sources/RoundTable/StoredSchedule.swift
// (`resolutions`), the Hermitian unital of PG(2, 16) written by unital.py.
//
// Items: every block (used once) and every (class, point) (covered once in each class);
// an option puts one block in one class. The blocks through point 0 are put in classes
// 0, 1, ... first (any resolution can be renamed so), then the item with the fewest
// options left is covered first; options are tried in a random order set by the seed,
// and the search gives up after `limit` nodes.
//
//   cc -O2 -o resolve resolve.c
//   python3 unital.py 4 2 2 u4.txt && ./resolve u4.txt 20000000 2
//
// Seed 2 found the stored resolution in 22 s (11.5 million nodes) on this machine; seeds 1
// and 3 gave up at 20 million. It prints one class a line, the blocks' points in turn.
// (For q = 5, 126 players in groups of 6: seed 1 found none in 5 minutes.)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int V, B, K, C;
int *blk;
// DLX
int *L, *R, *U, *D, *COL, *ROWID, *S; int nn;
int root = 0;
static void cover(int c){ R[L[c]]=R[c]; L[R[c]]=L[c]; for(int i=D[c];i!=c;i=D[i]) for(int j=R[i];j!=i;j=R[j]){ U[D[j]]=U[j]; D[U[j]]=D[j]; S[COL[j]]--; } }
static void uncover(int c){ for(int i=U[c];i!=c;i=U[i]) for(int j=L[i];j!=i;j=L[j]){ S[COL[j]]++; U[D[j]]=j; D[U[j]]=j; } R[L[c]]=c; L[R[c]]=c; }
int *sol; long nodes=0, limit;
int search(int k){
  if(R[root]==root) return 1;
  if(++nodes>limit) return 0;
  int c=-1, best=1<<30;
  for(int j=R[root];j!=root;j=R[j]) if(S[j]<best){best=S[j];c=j; if(best<=1) break;}
  if(best==0) return 0;
  cover(c);
  for(int r=D[c];r!=c;r=D[r]){
    sol[k]=ROWID[r];
    for(int j=R[r];j!=r;j=R[j]) cover(COL[j]);
    if(search(k+1)) return 1;
    for(int j=L[r];j!=r;j=L[j]) uncover(COL[j]);
  }
  uncover(c); return 0;
}
int main(int argc,char**argv){
  if(argc<4){fprintf(stderr,"usage: resolve blocks.txt limit seed\n");return 2;}
  FILE*f=fopen(argv[1],"r"); if(!f){perror(argv[1]);return 2;}
  limit=atol(argv[2]); int seed=atoi(argv[3]); srand(seed);
  if(fscanf(f,"%d %d %d",&V,&B,&K)!=3||K<2||K>15||V<K||(V-1)%(K-1)){fprintf(stderr,"%s: bad header\n",argv[1]);return 2;}
  C=(V-1)/(K-1);
  blk=malloc(sizeof(int)*B*K); for(int i=0;i<B*K;i++) if(fscanf(f,"%d",&blk[i])!=1||blk[i]<0||blk[i]>=V){fprintf(stderr,"%s: bad block\n",argv[1]);return 2;}
  int items=B+C*V; int maxn=1+items+B*C*(K+1)+10;
  L=malloc(4*maxn);R=malloc(4*maxn);U=malloc(4*maxn);D=malloc(4*maxn);COL=malloc(4*maxn);ROWID=malloc(4*maxn);S=calloc(maxn,4);
  // header: root 0, items 1..items
  for(int i=0;i<=items;i++){L[i]=i-1;R[i]=i+1;U[i]=D[i]=i;COL[i]=i;} L[0]=items; R[items]=0; nn=items+1;
  // class of blocks through point 0
  int *fixedc=malloc(4*B); int cnt=0; for(int b=0;b<B;b++){fixedc[b]=-1; for(int j=0;j<K;j++) if(blk[b*K+j]==0) fixedc[b]=cnt++;}
  // random order of options
  int nopt=B*C; int *ord=malloc(4*nopt); for(int i=0;i<nopt;i++) ord[i]=i;
  for(int i=nopt-1;i>0;i--){int j=rand()%(i+1);int t=ord[i];ord[i]=ord[j];ord[j]=t;}
  for(int oi=0;oi<nopt;oi++){ int o=ord[oi]; int b=o/C, c=o%C; if(fixedc[b]>=0 && fixedc[b]!=c) continue;
    int its[16]; its[0]=1+b; for(int j=0;j<K;j++) its[j+1]=1+B+c*V+blk[b*K+j];
    int first=-1;
    for(int j=0;j<=K;j++){ int col=its[j]; int x=nn++; COL[x]=col; ROWID[x]=o; U[x]=U[col]; D[x]=col; D[U[col]]=x; U[col]=x; S[col]++;
      if(first<0){first=x;L[x]=R[x]=x;} else {L[x]=L[first];R[x]=first;R[L[first]]=x;L[first]=x;} }
  }
  sol=malloc(4*(B+5)); clock_t t0=clock();
  int ok=search(0);
  fprintf(stderr,"ok %d nodes %ld %.2fs\n",ok,nodes,(double)(clock()-t0)/CLOCKS_PER_SEC);
  if(ok){ int *cls=malloc(4*B); for(int k=0;k<B;k++){int o=sol[k]; cls[o/C]=o%C;}
    for(int c=0;c<C;c++){ for(int b=0;b<B;b++) if(cls[b]==c){ for(int j=0;j<K;j++) printf("%d ",blk[b*K+j]); } printf("\n"); } }
  return !ok;
}

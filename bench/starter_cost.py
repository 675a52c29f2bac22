#!/usr/bin/env python3
"""Starter cost: runs the starter 50 times on /bin/true as the startd does and prints wall, CPU and peak RSS.

Usage: JAVA=<jdk 21+ java> python3 bench/starter_cost.py lib/starter.jar:lib/proto.jar:lib/protobuf-java.jar proc|cgroup-v2 [socket]
With AOT_CACHE=<file> in the environment the starter runs with that JDK 25 AOT cache and the flags the startd adds
(StarterAotCache: -XX:AOTMode=auto -XX:AOTCache=<file>, AOT logging off) instead of -Xshare:auto; build the cache with
./openll build (lib/aot/starter-*.aot) and give the class path in the order the startd uses.
Needs /usr/bin/time (Debian package "time"). The StarterInput message is encoded by hand so the script needs no protobuf.
With "socket" the starter runs as the startd starts it (StarterMain SPOOL, launch.pb, events over a Unix-domain
socket that this script serves, acknowledging every event); without, it is fed on stdin and writes on stdout.
"""
import subprocess, sys, time, os, re, statistics, socket, threading
def varint(n):
    out=b''
    while True:
        b=n&0x7f; n>>=7
        if n: out+=bytes([b|0x80])
        else: return out+bytes([b])
def field(num, data):
    if isinstance(data,str): data=data.encode()
    return varint(num<<3|2)+varint(len(data))+data
cp, mech = sys.argv[1], sys.argv[2]
use_socket = len(sys.argv) > 3 and sys.argv[3] == "socket"
def read_varint(buf, i):
    shift=0; n=0
    while True:
        b=buf[i]; i+=1; n|=(b&0x7f)<<shift; shift+=7
        if not b&0x80: return n, i
def serve(conn):
    """Acknowledges every StarterToStartd event (field 3 = sequence) with StartdToStarter.acknowledged (field 1)."""
    data=b''
    while True:
        chunk=conn.recv(65536)
        if not chunk: return
        data+=chunk
        while data:
            try: n, i = read_varint(data, 0)
            except IndexError: break
            if len(data) < i+n: break
            msg, data = data[i:i+n], data[i+n:]
            j=0; seq=0
            while j < len(msg):
                key, j = read_varint(msg, j)
                if key & 7 == 0: v, j = read_varint(msg, j)
                else:
                    ln, j = read_varint(msg, j); j += ln; v = None
                if key >> 3 == 3: seq = v
            if seq:
                ack = bytes([0x08]) + varint(seq)
                conn.sendall(varint(len(ack)) + ack)
sock_path="/tmp/bench-spool/startd.sock"
if use_socket:
    os.makedirs("/tmp/bench-spool", exist_ok=True)
    if os.path.exists(sock_path): os.unlink(sock_path)
    server=socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); server.bind(sock_path); server.listen(16)
    def accept():
        while True:
            c,_=server.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()
spec=field(2,"/bin/true")+field(5,"/dev/null")+field(6,"/dev/null")+field(7,"/dev/null")+field(8,"/tmp")
walls=[];cpus=[];rss=[]
for i in range(50):
    spool="/tmp/bench-spool/%d"%i
    step=field(1,"bench.1.%d"%i)+field(2,"bench.1")+field(3,"root")+field(4,spec)
    launch=field(1,step)+field(2,"bench")+field(3,spool)+field(5,mech)
    if mech=="cgroup-v2": launch+=field(6,"/sys/fs/cgroup/unified/openll")
    aot=os.environ.get("AOT_CACHE")
    share=["-XX:AOTMode=auto","-XX:AOTCache="+aot,"-Xlog:aot*=off","-Xlog:cds*=off"] if aot else ["-Xshare:auto"]
    cmd=["/usr/bin/time","-f","%U %S %M",os.environ.get("JAVA","java"),"-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-Xmx64m"]+share+["-cp",cp,"org.openll.starter.StarterMain"]
    if use_socket:
        launch+=field(17,sock_path)
        os.makedirs(spool, exist_ok=True)
        with open(spool+"/launch.pb","wb") as f: f.write(varint(len(launch))+launch)
        cmd.append(spool); data=b''
    else:
        msg=field(1,launch)
        data=varint(len(msg))+msg
    t=time.monotonic()
    p=subprocess.run(cmd,input=data,capture_output=True)
    walls.append(time.monotonic()-t)
    u,s,m=p.stderr.decode().strip().splitlines()[-1].split()
    cpus.append(float(u)+float(s)); rss.append(int(m))
print(mech + (" socket" if use_socket else "") + (" aot" if os.environ.get("AOT_CACHE") else ""), "runs=50 wall median %.3f s p90 %.3f s; starter CPU median %.3f s; max RSS median %d KiB" % (statistics.median(walls), sorted(walls)[44], statistics.median(cpus), statistics.median(rss)))

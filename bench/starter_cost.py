#!/usr/bin/env python3
"""Starter cost: runs the starter 50 times on /bin/true as the startd does and prints wall, CPU and peak RSS.

Usage: JAVA=<jdk 21+ java> python3 bench/starter_cost.py lib/starter.jar:lib/proto.jar:lib/protobuf-java.jar proc|cgroup-v2
Needs /usr/bin/time (Debian package "time"). The StarterInput message is encoded by hand so the script needs no protobuf.
"""
import subprocess, sys, time, os, re, statistics
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
spec=field(2,"/bin/true")+field(5,"/dev/null")+field(6,"/dev/null")+field(7,"/dev/null")+field(8,"/tmp")
walls=[];cpus=[];rss=[]
for i in range(50):
    spool="/tmp/bench-spool/%d"%i
    step=field(1,"bench.1.%d"%i)+field(2,"bench.1")+field(3,"root")+field(4,spec)
    launch=field(1,step)+field(2,"bench")+field(3,spool)+field(5,mech)
    if mech=="cgroup-v2": launch+=field(6,"/sys/fs/cgroup/unified/openll")
    msg=field(1,launch)
    data=varint(len(msg))+msg
    t=time.monotonic()
    p=subprocess.run(["/usr/bin/time","-f","%U %S %M",os.environ.get("JAVA","java"),"-XX:TieredStopAtLevel=1","-XX:+UseSerialGC","-Xshare:auto","-Xmx64m","-cp",cp,"org.openll.starter.StarterMain"],input=data,capture_output=True)
    walls.append(time.monotonic()-t)
    u,s,m=p.stderr.decode().strip().splitlines()[-1].split()
    cpus.append(float(u)+float(s)); rss.append(int(m))
print(mech, "runs=50 wall median %.3f s p90 %.3f s; starter CPU median %.3f s; max RSS median %d KiB" % (statistics.median(walls), sorted(walls)[44], statistics.median(cpus), statistics.median(rss)))

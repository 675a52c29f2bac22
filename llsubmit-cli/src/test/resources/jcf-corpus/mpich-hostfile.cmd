#!/bin/bash
# @ job_type = MPICH
# @ node = 2,4
# @ total_tasks = 16
# @ blocking = unlimited
# @ node_resources = ConsumableMemory(64 gb)
# @ requirements = (Arch == "x86_64") && (Feature == "ib")
# @ preferences = (Memory >= 65536)
# @ hold = user
# @ startdate = 12/24/2030 18:00
# @ restart = no
# @ executable = /usr/bin/mpirun
# @ arguments = -np 16 -machinefile $LOADL_HOSTFILE ./cfd.x
# @ queue

#!/bin/bash
#@ job_type = parallel
#@ class = large
#@ node = 8
#@ tasks_per_node = 32
#@ node_usage = not_shared
#@ network.MPI = sn_all,not_shared,US
#@ wall_clock_limit = 12:00:00,11:55:00
#@ resources = ConsumableCpus(1)ConsumableMemory(1 gb)
#@ task_affinity = core(1)
#@ initialdir = /scratch/$(user)/run42
#@ output = job.$(jobid).out
#@ error = job.$(jobid).err
#@ environment = COPY_ALL
#@ queue
poe ./model.exe

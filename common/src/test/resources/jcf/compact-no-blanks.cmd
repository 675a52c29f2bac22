#!/bin/sh
#@job_name=compact
#@Class=dev
#@initialdir=runs/case1
#@input=in.dat
#@output=out.$(jobid)
#@error=/tmp/err.$(jobid).$(stepid)
#@user_priority=70
#@Wall_clock_limit=00:20:00
#@notify_user=
#@queue
#@resources=ConsumableCpus(2)
echo "running in $PWD"

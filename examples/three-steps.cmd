#!/bin/sh
# A LoadLeveler shell script: with no executable keyword, this file is the executable. Every
# queue statement ends a step; later steps inherit the keywords of earlier ones, and the script
# branches on the step it runs as, as real multi-step files do.
# @ job_name  = pipeline
# @ output    = $(job_name).$(jobid).$(stepid).out
# @ error     = $(job_name).$(jobid).$(stepid).err
# @ environment = GREETING=bonjour
# @ step_name = prepare
# @ queue
# @ step_name = compute
# @ queue
# @ step_name = report
# @ queue
echo "$GREETING from step $LOADL_STEP_NAME ($LOADL_STEP_ID) of job $LOADL_JOB_NAME"
case "$LOADL_STEP_NAME" in
  compute) i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo "counted to $i" ;;
  report) date ;;
esac

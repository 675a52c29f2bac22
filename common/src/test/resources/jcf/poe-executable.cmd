# @ job_name    = phred
# @ executable  = /usr/bin/poe
# @ arguments   = ./phred.x -procs 4
# @ initialdir  = /scratch/$(user)/phred
# @ output      = $(initialdir)/phred.$(jobid).out
# @ error       = $(initialdir)/phred.$(jobid).err
# @ network.MPI = sn_all,not_shared,US
# @ account_no  = ABC123
# @ queue

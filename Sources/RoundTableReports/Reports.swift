import RoundTable
